import { InvalidArn } from '@aws-sdk/client-sfn';
import { parseExecutionName } from '../../contracts/executionNames';
import type { WorkflowKey } from '../../contracts/ops';
import { NotFoundError, ValidationError } from '../shared/errors';
import { executionArnOf } from '../shared/executionArnOf';

/** The state machines by workflow key, from the environment. */
export type WorkflowArns = Readonly<Record<WorkflowKey, string>>;

const MALFORMED = 'must be an execution ARN or the name the list prints ({invoiceId}, {invoiceId}-r{n}, {invoiceId}-cancel-{n} or {invoiceId}-subst)';

/**
 * The ARN of an execution given by its ARN or by the name the listings print: the name says
 * which workflow ran it (`-cancel-{n}`: cancellation), and the workflow's state machine ARN
 * with the name is the execution's ARN, as Step Functions builds it (`arns` is read only for a name).
 */
export function executionArnOfRef(ref: string, arns: () => WorkflowArns, field = 'arn'): string {
  if (ref.startsWith('arn:')) return ref;
  const parsed = parseExecutionName(ref);
  if (parsed === undefined) throw new ValidationError(`Invalid request: ${field} ${MALFORMED}`, [{ field, message: MALFORMED }]);
  return executionArnOf(arns()[parsed.workflow], ref);
}

/**
 * Runs an operation on the execution a caller named: an unknown one is a 404 that repeats what
 * they gave (the name, or the ARN), and an ARN Step Functions calls invalid a 400 naming the field.
 */
export async function onExecution<T>(ref: string, arns: () => WorkflowArns, operation: (executionArn: string) => Promise<T>): Promise<T> {
  try {
    return await operation(executionArnOfRef(ref, arns));
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`Execution ${ref} not found`);
    if (error instanceof InvalidArn) throw new ValidationError(`Invalid request: arn ${error.message}`, [{ field: 'arn', message: error.message }]);
    throw error;
  }
}
