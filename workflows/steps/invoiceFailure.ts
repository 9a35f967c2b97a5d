import type { InvoiceFailedDetail } from '../../contracts/invoiceEvents';
import type { JsonataFields } from '../asl/jsonataObject';
import type { JsonValue } from '../asl/types';
import { INVOICE_EVENT_COMMON } from './publishEvent';
import type { ReportRow } from './reportInvoice';

/**
 * The record's `error` attribute built from `$error` (what a Catch captured), as a DynamoDB map:
 * what MarkFailed writes, and a refusal that leaves the invoice ISSUED keeps, its message
 * prefixed (`"cancellation refused: "`).
 */
export function errorAttribute(messagePrefix?: string): JsonValue {
  const message = messagePrefix === undefined ? '{% $error.message %}' : `{% "${messagePrefix}" & $error.message %}`;
  return { M: { code: { S: '{% $error.code %}' }, message: { S: message }, kind: { S: '{% $error.kind %}' } } };
}

/** The reporting row of an invoice that FAILED. */
export const FAILED_ROW = { status: '"FAILED"', processed_at: '$now()', error: '($error.code & ": " & $error.message)' } as const satisfies Partial<ReportRow>;

/** `InvoiceFailed`'s detail, for the invoice in `$invoice` and the error in `$error`. */
export const FAILED_EVENT_DETAIL: JsonataFields<InvoiceFailedDetail> = {
  ...INVOICE_EVENT_COMMON,
  error: '$error',
  failedAt: '$now()',
};
