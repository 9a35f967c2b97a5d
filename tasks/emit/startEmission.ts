import type { SFNClient } from '@aws-sdk/client-sfn';
import type { EmissionInput } from '../../contracts/workflowInput';
import { startOrDefer, type StartOutcome, type StartQueue } from '../shared/startOrDefer';

/**
 * Starts EmissionWorkflow for an invoice, named after it; past the StartExecution quota the
 * start waits in the start queue (its message: the workflow's input) and emission still answers 201.
 */
export function startEmission(sfn: SFNClient, stateMachineArn: string, input: EmissionInput, startQueue: StartQueue | undefined): Promise<StartOutcome> {
  return startOrDefer(sfn, { stateMachineArn, name: input.invoiceId, input, queued: input }, startQueue);
}
