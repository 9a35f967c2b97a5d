import type { SFNClient } from '@aws-sdk/client-sfn';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INVOICE_INDEXES, InvoiceRecordSchema, SWEEP_SHARDS } from '../../contracts/invoiceRecord';
import { emissionInputOf } from '../emit/emitInvoice';
import { withoutNulls } from '../shared/readInvoice';
import { startUnlessExists } from './startUnlessExists';

/** What the sweeper talks to. */
export interface SweeperDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly invoicesTable: string;
  readonly emissionStateMachineArn: string;
  readonly now: () => Date;
  /** EMITTED records younger than this are left alone (emission may still be starting them). @default 300 */
  readonly minAgeSeconds?: number;
}

/** What one sweep did. */
export interface SweepReport {
  /** Records the index returned: what the sweep cost, whatever the size of the table. */
  readonly read: number;
  /** EMITTED records old enough to check. */
  readonly examined: number;
  readonly restarted: readonly string[];
}

/**
 * Starts EmissionWorkflow for EMITTED invoices older than a few minutes that have no execution
 * (the emit call died between writing the record and starting it), so nothing is orphaned.
 * Queries the sparse `awaitingStart` index, which holds only records no workflow has claimed
 * yet: its cost follows the records in flight, not the size of the table.
 */
export async function restartOrphans(deps: SweeperDeps): Promise<SweepReport> {
  const cutoff = new Date(deps.now().getTime() - (deps.minAgeSeconds ?? 300) * 1000).toISOString();
  const restarted: string[] = [];
  let read = 0;
  let examined = 0;
  for (let shard = 0; shard < SWEEP_SHARDS; shard++) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await deps.ddb.send(
        new QueryCommand({
          TableName: deps.invoicesTable,
          IndexName: INVOICE_INDEXES.awaitingStart,
          KeyConditionExpression: 'sweepShard = :shard AND createdAt < :cutoff',
          ExpressionAttributeValues: { ':shard': String(shard), ':cutoff': cutoff },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        read++;
        const parsed = InvoiceRecordSchema.safeParse(withoutNulls(item));
        if (!parsed.success) continue;
        const record = parsed.data;
        if (record.status !== 'EMITTED') {
          await leaveIndex(deps, record.invoiceId);
          continue;
        }
        examined++;
        if (await startUnlessExists(deps.sfn, deps.emissionStateMachineArn, record.invoiceId, emissionInputOf(record))) restarted.push(record.invoiceId);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  }
  return { read, examined, restarted };
}

/** A record that moved on without leaving the index (written before MarkProcessing removed the key): take it out. */
async function leaveIndex(deps: SweeperDeps, invoiceId: string): Promise<void> {
  try {
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.invoicesTable,
        Key: { invoiceId },
        UpdateExpression: 'REMOVE sweepShard',
        ConditionExpression: '#status <> :emitted',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':emitted': 'EMITTED' },
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
}
