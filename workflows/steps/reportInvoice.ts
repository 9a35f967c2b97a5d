import { placeholder } from '../asl/placeholders';
import type { Jsonata, TaskState } from '../asl/types';
import { INFRASTRUCTURE_RETRY } from './retryPolicies';

/**
 * The reporting UPSERT. A late or redriven report never moves a row back: an ISSUED or
 * CANCELLED row ignores EMITTED/PROCESSING/FAILED.
 */
export const REPORT_UPSERT_SQL = [
  'INSERT INTO nfse.invoices (invoice_id, company_cnpj, municipality_code, total, status, xml_key, nfse_xml_key,',
  ' provider_protocol, nfse_number, verification_code, rps_serie, rps_numero, created_at, processed_at, cancelled_at, error)',
  ' VALUES (:invoice_id, :company_cnpj, :municipality_code, CAST(:total AS numeric), :status, :xml_key, :nfse_xml_key,',
  ' :provider_protocol, :nfse_number, :verification_code, :rps_serie, :rps_numero, CAST(:created_at AS timestamptz),',
  ' CAST(:processed_at AS timestamptz), CAST(:cancelled_at AS timestamptz), :error)',
  ' ON CONFLICT (invoice_id) DO UPDATE SET status = EXCLUDED.status,',
  ' provider_protocol = COALESCE(EXCLUDED.provider_protocol, nfse.invoices.provider_protocol),',
  ' nfse_number = COALESCE(EXCLUDED.nfse_number, nfse.invoices.nfse_number),',
  ' verification_code = COALESCE(EXCLUDED.verification_code, nfse.invoices.verification_code),',
  ' processed_at = COALESCE(EXCLUDED.processed_at, nfse.invoices.processed_at),',
  ' cancelled_at = COALESCE(EXCLUDED.cancelled_at, nfse.invoices.cancelled_at), error = EXCLUDED.error',
  " WHERE NOT (nfse.invoices.status IN ('ISSUED', 'CANCELLING', 'CANCELLED') AND EXCLUDED.status IN ('EMITTED', 'PROCESSING', 'FAILED'))",
].join('');

/** JSONata expressions (without the `{% %}`) of the columns that vary by state; the rest come from `$invoice`. */
export interface ReportColumns {
  readonly status: string;
  readonly providerProtocol?: string;
  readonly nfseNumber?: string;
  readonly verificationCode?: string;
  readonly processedAt?: string;
  readonly cancelledAt?: string;
  readonly error?: string;
}

/** An `aws-sdk:rdsdata:executeStatement` task that mirrors the invoice into `nfse.invoices`. */
export function reportInvoice(columns: ReportColumns, next: string, comment: string): TaskState {
  const parameters: Jsonata = `{% (
  $text := function($name, $value) { ($exists($value) and $value != null) ? {"Name": $name, "Value": {"StringValue": $string($value)}} : {"Name": $name, "Value": {"IsNull": true}} };
  [
    $text("invoice_id", $invoice.invoiceId),
    $text("company_cnpj", $invoice.companyCnpj),
    $text("municipality_code", $invoice.municipalityCode),
    $text("total", $invoice.total),
    $text("status", ${columns.status}),
    $text("xml_key", $invoice.xmlKey),
    $text("nfse_xml_key", $invoice.nfseXmlKey),
    $text("provider_protocol", ${columns.providerProtocol ?? '$invoice.providerProtocol'}),
    $text("nfse_number", ${columns.nfseNumber ?? '$invoice.nfseNumber'}),
    $text("verification_code", ${columns.verificationCode ?? '$invoice.verificationCode'}),
    $text("rps_serie", $invoice.rps.serie),
    {"Name": "rps_numero", "Value": {"LongValue": $invoice.rps.numero}},
    $text("created_at", $invoice.createdAt),
    $text("processed_at", ${columns.processedAt ?? '$invoice.processedAt'}),
    $text("cancelled_at", ${columns.cancelledAt ?? '$invoice.cancelledAt'}),
    $text("error", ${columns.error ?? '$invoice.error'})
  ]
) %}`;
  return {
    Type: 'Task',
    Comment: comment,
    Resource: 'arn:aws:states:::aws-sdk:rdsdata:executeStatement',
    Arguments: {
      ResourceArn: placeholder('DbClusterArn'),
      SecretArn: placeholder('DbSecretArn'),
      Database: placeholder('DbName'),
      Sql: REPORT_UPSERT_SQL,
      Parameters: parameters,
    },
    Output: '{% $states.input %}',
    Retry: [INFRASTRUCTURE_RETRY],
    Next: next,
  };
}
