import { executionNames } from '../../contracts/executionNames';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvoiceRecordSchema } from '../../contracts/invoiceRecord';
import type { StartedExecution } from '../../contracts/ops';
import { emissionInputOf } from '../emit/emitInvoice';
import { ConflictError, NotFoundError } from '../shared/errors';
import { withoutNulls } from '../shared/readInvoice';

/** What reprocessing talks to. */
export interface ReprocessDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly invoicesTable: string;
  readonly emissionStateMachineArn: string;
}

/**
 * Starts a new EmissionWorkflow `{invoiceId}-r{n}` for a FAILED invoice (its RPS unchanged, so
 * the city still dedupes). `reprocessCount` is claimed with a conditional write: two operators
 * reprocessing at once start one execution.
 */
export async function reprocessInvoice(deps: ReprocessDeps, invoiceId: string): Promise<StartedExecution> {
  const { Item } = await deps.ddb.send(new GetCommand({ TableName: deps.invoicesTable, Key: { invoiceId }, ConsistentRead: true }));
  if (Item === undefined) throw new NotFoundError(`Invoice ${invoiceId} not found`);
  const record = InvoiceRecordSchema.parse(withoutNulls(Item));
  if (record.status !== 'FAILED') throw new ConflictError('InvoiceNotFailed', `Invoice ${invoiceId} is ${record.status}: only a FAILED invoice can be reprocessed`);
  const attempt = (record.reprocessCount ?? 0) + 1;
  try {
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.invoicesTable,
        Key: { invoiceId },
        UpdateExpression: 'SET reprocessCount = :attempt',
        ConditionExpression: '#status = :failed AND (attribute_not_exists(reprocessCount) OR reprocessCount = :previous)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':attempt': attempt, ':previous': attempt - 1, ':failed': 'FAILED' },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConflictError('InvoiceNotFailed', `Invoice ${invoiceId} is already being reprocessed`);
    throw error;
  }
  const started = await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.emissionStateMachineArn, name: executionNames.reprocess(invoiceId, attempt), input: JSON.stringify(emissionInputOf(record)) }));
  return { executionArn: started.executionArn ?? '', invoiceId };
}
