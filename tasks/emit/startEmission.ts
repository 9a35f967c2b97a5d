import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { EmissionInput } from '../../contracts/workflowInput';
import { executionArnOf } from '../shared/executionArnOf';

/** Where a start refused for the account's StartExecution quota waits for capacity. */
export interface StartQueue {
  readonly sqs: SQSClient;
  /** `START_QUEUE_URL`: drained by the starter at the quota's pace. */
  readonly url: string;
}

/** How a start ended: running (or already run), or durably queued for the starter. */
export type StartOutcome = { readonly kind: 'started'; readonly executionArn: string } | { readonly kind: 'deferred'; readonly executionArn: string };

/**
 * Starts EmissionWorkflow for an invoice, named after it: a second start of the same invoice,
 * however it comes (replay, starter, sweeper), finds the first one and never runs it twice.
 * Past the account's StartExecution quota (ThrottlingException once the SDK's own retries are
 * spent) the start goes to the start queue instead, so emission still answers 201.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-api-action-throttling-general
 */
export async function startEmission(sfn: SFNClient, stateMachineArn: string, input: EmissionInput, startQueue: StartQueue | undefined): Promise<StartOutcome> {
  const executionArn = executionArnOf(stateMachineArn, input.invoiceId);
  try {
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: input.invoiceId, input: JSON.stringify(input) }));
    return { kind: 'started', executionArn: started.executionArn ?? executionArn };
  } catch (error) {
    // Closed already (a replay after it finished): "already started" is what we wanted.
    if (error instanceof ExecutionAlreadyExists) return { kind: 'started', executionArn };
    if (!isThrottled(error) || startQueue === undefined) throw error;
  }
  await startQueue.sqs.send(new SendMessageCommand({ QueueUrl: startQueue.url, MessageBody: JSON.stringify(input) }));
  return { kind: 'deferred', executionArn };
}

/**
 * AWS's answer to a call past its quota (400 `ThrottlingException`, "Rate exceeded"). A common
 * error, absent from the SFN client's model: the SDK raises it as a service exception by that name.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html
 */
export function isThrottled(error: unknown): boolean {
  return error instanceof Error && error.name === 'ThrottlingException';
}
