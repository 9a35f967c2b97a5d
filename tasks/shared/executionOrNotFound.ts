import { DescribeExecutionCommand, ExecutionDoesNotExist, type DescribeExecutionCommandOutput, type SFNClient } from '@aws-sdk/client-sfn';
import { NotFoundError } from './errors';

/** The 404 of an execution that does not exist: "Execution {arn} not found". */
export function executionNotFound(executionArn: string): () => NotFoundError {
  return () => new NotFoundError(`Execution ${executionArn} not found`);
}

/** What a Step Functions call about one execution answered; an execution that does not exist is `notFound()` (a 404), never a 500. */
export async function executionOrNotFound<T>(call: Promise<T>, notFound: () => NotFoundError): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) throw notFound();
    throw error;
  }
}

/** DescribeExecution; an execution that does not exist is `notFound()` (by default {@link executionNotFound}). */
export function describeOrNotFound(sfn: SFNClient, executionArn: string, notFound: () => NotFoundError = executionNotFound(executionArn)): Promise<DescribeExecutionCommandOutput> {
  return executionOrNotFound(sfn.send(new DescribeExecutionCommand({ executionArn })), notFound);
}
