import { DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvoiceRecordSchema } from '../../contracts/invoiceRecord';
import { emissionInputOf } from '../emit/emitInvoice';
import { executionArnOf } from '../shared/executionArnOf';
import { withoutNulls } from '../shared/readInvoice';

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
  readonly examined: number;
  readonly restarted: readonly string[];
}

/**
 * Starts EmissionWorkflow for EMITTED invoices older than a few minutes that have no execution
 * (the emit call died between writing the record and starting it), so nothing is orphaned.
 * Scans with a filter: EMITTED records are few and short-lived.
 */
export async function restartOrphans(deps: SweeperDeps): Promise<SweepReport> {
  const cutoff = new Date(deps.now().getTime() - (deps.minAgeSeconds ?? 300) * 1000).toISOString();
  const restarted: string[] = [];
  let examined = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.ddb.send(
      new ScanCommand({
        TableName: deps.invoicesTable,
        FilterExpression: '#status = :emitted AND createdAt < :cutoff',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':emitted': 'EMITTED', ':cutoff': cutoff },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const parsed = InvoiceRecordSchema.safeParse(withoutNulls(item));
      if (!parsed.success) continue;
      examined++;
      const record = parsed.data;
      if (await executionExists(deps.sfn, executionArnOf(deps.emissionStateMachineArn, record.invoiceId))) continue;
      try {
        await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.emissionStateMachineArn, name: record.invoiceId, input: JSON.stringify(emissionInputOf(record)) }));
        restarted.push(record.invoiceId);
      } catch (error) {
        if (!(error instanceof ExecutionAlreadyExists)) throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return { examined, restarted };
}

async function executionExists(sfn: SFNClient, executionArn: string): Promise<boolean> {
  try {
    await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return true;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return false;
    throw error;
  }
}
