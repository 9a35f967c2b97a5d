import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { QueuedStart } from '../../contracts/queuedStart';
import { executionArnOf } from './executionArnOf';

/** Where a start refused for the account's StartExecution quota waits for capacity. */
export interface StartQueue {
  readonly sqs: SQSClient;
  /** `START_QUEUE_URL`: drained by the starter at the quota's pace. */
  readonly url: string;
}

/** How a start ended: running (or already run), or durably queued for the starter. */
export type StartOutcome = { readonly kind: 'started'; readonly executionArn: string } | { readonly kind: 'deferred'; readonly executionArn: string };

/** One execution to start, named after what it runs (an invoice, an order), so it runs once. */
export interface NamedStart {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: unknown;
  /** What the start queue holds for the starter to start it later. */
  readonly queued: QueuedStart;
}

/**
 * Starts a workflow execution under its name: a second start of the same thing, however it comes
 * (replay, starter, sweeper), finds the first one and never runs it twice. Past the account's
 * StartExecution quota (ThrottlingException once the SDK's own retries are spent) the start goes
 * to the start queue instead, so the API still answers 201; without a queue the throttling is thrown.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-api-action-throttling-general
 */
export async function startOrDefer(sfn: SFNClient, start: NamedStart, startQueue: StartQueue | undefined): Promise<StartOutcome> {
  const executionArn = executionArnOf(start.stateMachineArn, start.name);
  try {
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: start.stateMachineArn, name: start.name, input: JSON.stringify(start.input) }));
    return { kind: 'started', executionArn: started.executionArn ?? executionArn };
  } catch (error) {
    // Closed already (a replay after it finished): "already started" is what we wanted.
    if (error instanceof ExecutionAlreadyExists) return { kind: 'started', executionArn };
    if (!isThrottled(error) || startQueue === undefined) throw error;
  }
  await startQueue.sqs.send(new SendMessageCommand({ QueueUrl: startQueue.url, MessageBody: JSON.stringify(start.queued) }));
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
