import { ExecuteStatementCommand, type RDSDataClient } from '@aws-sdk/client-rds-data';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AppResourceNames } from '../../local/bootstrap/appResourceNames';
import { MockStats } from '../../local/provider-mock/MockStats';

/** One invoice as DynamoDB has it. */
export interface InvoiceState {
  readonly invoiceId: string;
  readonly status: string;
  readonly municipalityCode: string;
  readonly nfseNumber: string | undefined;
  /** `error.code` of a FAILED invoice (the city's code, or the workflow's error name). */
  readonly errorCode: string | undefined;
  /** `city/cnpj/serie/numero`, the key of the mock's per-RPS stats. */
  readonly rpsKey: string;
}

/** One row of `nfse.invoices` (Aurora, through the Data API). */
export interface ReportRow {
  readonly status: string;
  readonly nfseNumber: string | null;
}

/** Every invoice record of the table (the RPS counter items, which have no status, left out). */
export async function readInvoices(ddb: DynamoDBDocumentClient, table: string): Promise<Map<string, InvoiceState>> {
  const invoices = new Map<string, InvoiceState>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new ScanCommand({
        TableName: table,
        ConsistentRead: true,
        FilterExpression: 'attribute_exists(#status)',
        ProjectionExpression: 'invoiceId, #status, nfseNumber, companyCnpj, municipalityCode, rps, #error',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const rps = item.rps as { serie?: unknown; numero?: unknown } | undefined;
      const error = item.error as { code?: unknown } | undefined;
      const invoiceId = String(item.invoiceId);
      invoices.set(invoiceId, {
        invoiceId,
        status: String(item.status),
        municipalityCode: String(item.municipalityCode),
        nfseNumber: typeof item.nfseNumber === 'string' ? item.nfseNumber : undefined,
        errorCode: typeof error?.code === 'string' ? error.code : undefined,
        rpsKey: MockStats.rpsKey(String(item.municipalityCode), { cnpj: String(item.companyCnpj), serie: String(rps?.serie), numero: String(rps?.numero) }),
      });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return invoices;
}

/** Every row of `nfse.invoices`, by invoice id. */
export async function readReportRows(rds: RDSDataClient, names: AppResourceNames): Promise<Map<string, ReportRow>> {
  const result = await rds.send(
    new ExecuteStatementCommand({
      resourceArn: names.dbClusterArn,
      secretArn: names.dbSecretArn,
      database: names.dbName,
      sql: 'SELECT invoice_id, status, nfse_number FROM nfse.invoices',
      formatRecordsAs: 'JSON',
    }),
  );
  const rows = JSON.parse(result.formattedRecords ?? '[]') as Array<{ invoice_id: string; status: string; nfse_number: string | null }>;
  return new Map(rows.map((row) => [row.invoice_id, { status: row.status, nfseNumber: row.nfse_number }]));
}

/** How many invoices are in each status. */
export function countByStatus(invoices: Iterable<InvoiceState>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const invoice of invoices) counts[invoice.status] = (counts[invoice.status] ?? 0) + 1;
  return counts;
}
