import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { executionArnOf } from '../shared/executionArnOf';
import { executionExists } from '../shared/executionExists';

/**
 * Starts `name` on `stateMachineArn` unless an execution of that name exists (running, or closed
 * and left for a redrive): true when this call started it. A start racing another one of the same
 * name (the API's, a redelivered queued start) finds it with `ExecutionAlreadyExists`, which is
 * that same outcome, not an error.
 */
export async function startUnlessExists(sfn: SFNClient, stateMachineArn: string, name: string, input: unknown): Promise<boolean> {
  if (await executionExists(sfn, executionArnOf(stateMachineArn, name))) return false;
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return true;
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return false;
    throw error;
  }
}
