import { INVOICE_ROW_COLUMNS, type InvoiceRowColumn, type InvoiceRowSqlType } from '../../contracts/invoicesSchemaSql';
import type { JsonataExpression } from '../asl/jsonataObject';
import { placeholder } from '../asl/placeholders';
import type { Jsonata, TaskStep } from '../asl/types';
import { INFRASTRUCTURE_RETRY } from './retryPolicies';

/** A row of `nfse.invoices` as JSONata: one expression per column, none missing, none extra. */
export type ReportRow = { readonly [Column in InvoiceRowColumn]: JsonataExpression };

const COLUMNS = Object.entries(INVOICE_ROW_COLUMNS) as Array<[InvoiceRowColumn, InvoiceRowSqlType]>;

/** The Data API sends every value as text but bigint; SQL casts the text to the column's type. */
function sqlValue(column: InvoiceRowColumn, type: InvoiceRowSqlType): string {
  return type === 'numeric' || type === 'timestamptz' ? `CAST(:${column} AS ${type})` : `:${column}`;
}

/**
 * The reporting UPSERT. A late or redriven report never moves a row back: an ISSUED or
 * CANCELLED (or SUBSTITUTED) row ignores EMITTED/PROCESSING/FAILED.
 */
export const REPORT_UPSERT_SQL = [
  `INSERT INTO nfse.invoices (${COLUMNS.map(([column]) => column).join(', ')})`,
  ` VALUES (${COLUMNS.map(([column, type]) => sqlValue(column, type)).join(', ')})`,
  ' ON CONFLICT (invoice_id) DO UPDATE SET status = EXCLUDED.status,',
  ' provider_protocol = COALESCE(EXCLUDED.provider_protocol, nfse.invoices.provider_protocol),',
  ' nfse_number = COALESCE(EXCLUDED.nfse_number, nfse.invoices.nfse_number),',
  ' verification_code = COALESCE(EXCLUDED.verification_code, nfse.invoices.verification_code),',
  ' processed_at = COALESCE(EXCLUDED.processed_at, nfse.invoices.processed_at),',
  ' cancelled_at = COALESCE(EXCLUDED.cancelled_at, nfse.invoices.cancelled_at), error = EXCLUDED.error,',
  ' provider = COALESCE(EXCLUDED.provider, nfse.invoices.provider), chave_acesso = COALESCE(EXCLUDED.chave_acesso, nfse.invoices.chave_acesso)',
  " WHERE NOT (nfse.invoices.status IN ('ISSUED', 'CANCELLING', 'CANCELLED', 'SUBSTITUTING', 'SUBSTITUTED') AND EXCLUDED.status IN ('EMITTED', 'PROCESSING', 'FAILED'))",
].join('');

/** Every column but the status, as the invoice (`$invoice`) holds it; a report overrides what its step changed. */
const ROW_FROM_INVOICE: Omit<ReportRow, 'status'> = {
  invoice_id: '$invoice.invoiceId',
  company_cnpj: '$invoice.companyCnpj',
  municipality_code: '$invoice.municipalityCode',
  total: '$invoice.total',
  xml_key: '$invoice.xmlKey',
  nfse_xml_key: '$invoice.nfseXmlKey',
  provider_protocol: '$invoice.providerProtocol',
  nfse_number: '$invoice.nfseNumber',
  verification_code: '$invoice.verificationCode',
  rps_serie: '$invoice.rps.serie',
  rps_numero: '$invoice.rps.numero',
  created_at: '$invoice.createdAt',
  processed_at: '$invoice.processedAt',
  cancelled_at: '$invoice.cancelledAt',
  error: '$invoice.error',
  provider: '$invoice.provider',
  chave_acesso: '$invoice.chaveAcesso',
};

/** Options of {@link reportInvoice}. */
export interface ReportInvoiceOptions<Next extends string> {
  readonly comment: string;
  /** The status to report and the columns this state changed, e.g. `{ status: '"ISSUED"', nfse_number: '$result.nfseNumber' }`. */
  readonly row: Pick<ReportRow, 'status'> & Partial<ReportRow>;
  readonly next: Next;
}

/** An `aws-sdk:rdsdata:executeStatement` task that mirrors the invoice into `nfse.invoices`. */
export function reportInvoice<const Next extends string>(options: ReportInvoiceOptions<Next>): TaskStep<Next> {
  const row: ReportRow = { ...ROW_FROM_INVOICE, ...options.row };
  const parameters = COLUMNS.map(([column, type]) =>
    type === 'bigint' ? `{"Name": "${column}", "Value": {"LongValue": ${row[column]}}}` : `$text("${column}", ${row[column]})`,
  );
  // A null or missing value is sent as SQL NULL rather than the text "null".
  const Parameters: Jsonata = `{% (
  $text := function($name, $value) { ($exists($value) and $value != null) ? {"Name": $name, "Value": {"StringValue": $string($value)}} : {"Name": $name, "Value": {"IsNull": true}} };
  [
    ${parameters.join(',\n    ')}
  ]
) %}`;
  return {
    Type: 'Task',
    Comment: options.comment,
    Resource: 'arn:aws:states:::aws-sdk:rdsdata:executeStatement',
    Arguments: {
      ResourceArn: placeholder('DbClusterArn'),
      SecretArn: placeholder('DbSecretArn'),
      Database: placeholder('DbName'),
      Sql: REPORT_UPSERT_SQL,
      Parameters,
    },
    Output: '{% $states.input %}',
    Retry: [INFRASTRUCTURE_RETRY],
    Next: options.next,
  };
}
