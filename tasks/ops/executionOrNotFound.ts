import { ExecutionDoesNotExist } from '@aws-sdk/client-sfn';
import { NotFoundError } from '../shared/errors';

/**
 * What a Step Functions call about one execution answered; an execution that does not exist is
 * `notFound` (a 404: by default "Execution {arn} not found"), never a 500.
 */
export async function executionOrNotFound<T>(call: Promise<T>, executionArn: string, notFound = new NotFoundError(`Execution ${executionArn} not found`)): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) throw notFound;
    throw error;
  }
}
