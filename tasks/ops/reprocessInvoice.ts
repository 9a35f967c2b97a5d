import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { executionNames } from '../../contracts/executionNames';
import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import type { StartedExecution } from '../../contracts/ops';
import { emissionInputOf } from '../emit/emitInvoice';
import { ConflictError, NotFoundError } from '../shared/errors';
import { readInvoiceRecord } from '../shared/readInvoice';
import { appendOpsAction } from './opsActions';

/** What reprocessing talks to. */
export interface ReprocessDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly invoicesTable: string;
  readonly emissionStateMachineArn: string;
  readonly now: () => Date;
}

/** The invoice's record, read consistently (404 when there is none). */
export async function readRecord(deps: Pick<ReprocessDeps, 'ddb' | 'invoicesTable'>, invoiceId: string): Promise<InvoiceRecord> {
  const record = await readInvoiceRecord(deps.ddb, deps.invoicesTable, invoiceId);
  if (record === undefined) throw new NotFoundError(`Invoice ${invoiceId} not found`);
  return record;
}

/**
 * Starts a new EmissionWorkflow `{invoiceId}-r{n}` for a FAILED invoice (its RPS unchanged, so
 * the city still dedupes). `reprocessCount` is claimed with a conditional write, which also puts
 * the reprocessing in the invoice's timeline: two operators reprocessing at once start one execution.
 */
export async function reprocessInvoice(deps: ReprocessDeps, invoiceId: string, operator: string): Promise<StartedExecution> {
  const record = await readRecord(deps, invoiceId);
  if (record.status !== 'FAILED') throw new ConflictError('InvoiceNotFailed', `Invoice ${invoiceId} is ${record.status}: only a FAILED invoice can be reprocessed`);
  refuseSubstitution(record, 'reprocessed');
  const attempt = (record.reprocessCount ?? 0) + 1;
  const name = executionNames.reprocess(invoiceId, attempt);
  const action = appendOpsAction({ action: 'reprocessed', at: deps.now().toISOString(), by: operator, workflow: 'emission', executionName: name });
  try {
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.invoicesTable,
        Key: { invoiceId },
        UpdateExpression: `SET reprocessCount = :attempt, ${action.clause}`,
        ConditionExpression: '#status = :failed AND (attribute_not_exists(reprocessCount) OR reprocessCount = :previous)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':attempt': attempt, ':previous': attempt - 1, ':failed': 'FAILED', ...action.values },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConflictError('InvoiceNotFailed', `Invoice ${invoiceId} is already being reprocessed`);
    throw error;
  }
  const started = await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.emissionStateMachineArn, name, input: JSON.stringify(emissionInputOf(record)) }));
  return { executionArn: started.executionArn ?? '', invoiceId };
}

/**
 * A failed substitution is not re-emitted by ops: emission would send its document (a national
 * DPS with `subst`) outside SubstitutionWorkflow, so the city could replace the old NFS-e while
 * our old invoice stays ISSUED. The old invoice is substituted again instead.
 */
export function refuseSubstitution(record: InvoiceRecord, action: 'reprocessed' | 'corrected'): void {
  if (record.substitutes === undefined) return;
  throw new ConflictError(
    'SubstitutionNotReprocessable',
    `Invoice ${record.invoiceId} is the replacement of invoice ${record.substitutes} and cannot be ${action}: substitute invoice ${record.substitutes} again (POST /invoices/${record.substitutes}/substitute)`,
  );
}
