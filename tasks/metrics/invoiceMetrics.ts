import type { InvoiceBusEvent } from '../../contracts/invoiceBusEvent';
import { INVOICE_EVENT_TYPES } from '../../contracts/invoiceEvents';
import { INVOICE_METRIC_PROPERTIES, INVOICE_OUTCOME_DIMENSION_SETS, METRIC_DIMENSIONS, METRIC_NAMES, type MetricName } from '../../contracts/metrics';
import { MetricUnit, type MetricValue, type MetricsEmitter } from '../../lib/metrics/MetricsEmitter';

/** What every invoice event's detail carries that a metric is keyed by. */
interface InvoiceKeys {
  readonly invoiceId: string;
  readonly companyCnpj: string;
  readonly municipalityCode: string;
}

/** The outcome's two dimension sets: the city, and apart the company (`INVOICE_OUTCOME_DIMENSION_SETS`). */
function outcomeDimensions(detail: InvoiceKeys): Array<Record<string, string>> {
  const values: Record<string, string> = { [METRIC_DIMENSIONS.municipality]: detail.municipalityCode, [METRIC_DIMENSIONS.company]: detail.companyCnpj };
  return INVOICE_OUTCOME_DIMENSION_SETS.map((set) => Object.fromEntries(set.map((name) => [name, values[name] ?? ''])));
}

/**
 * One EMF document per invoice event. Issued and failed both write `InvoicesIssued` and
 * `InvoicesFailed` (1 and 0), by municipality and by company, so a city's failure ratio is one
 * metric's Sum ÷ SampleCount and a quiet city reads 0, not missing; the failure's error name and
 * code are properties. Cancellations and substitutions count by municipality only.
 */
export function emitInvoiceMetrics(event: InvoiceBusEvent, emitter: Pick<MetricsEmitter, 'emit'>): void {
  const invoice = { [INVOICE_METRIC_PROPERTIES.invoiceId]: event.detail.invoiceId };
  const count = (name: MetricName, value: number): MetricValue => ({ name, unit: MetricUnit.Count, value });
  const byCity = { [METRIC_DIMENSIONS.municipality]: event.detail.municipalityCode };
  switch (event['detail-type']) {
    case INVOICE_EVENT_TYPES.Issued:
      emitter.emit(outcomeDimensions(event.detail), [count(METRIC_NAMES.invoicesIssued, 1), count(METRIC_NAMES.invoicesFailed, 0)], invoice);
      return;
    case INVOICE_EVENT_TYPES.Failed: {
      const { error } = event.detail;
      emitter.emit(outcomeDimensions(event.detail), [count(METRIC_NAMES.invoicesIssued, 0), count(METRIC_NAMES.invoicesFailed, 1)], {
        ...invoice,
        // The error the workflow caught (Provider.Rejected, States.Timeout); records older than `kind` only have the code.
        [INVOICE_METRIC_PROPERTIES.errorName]: error.kind ?? error.code,
        [INVOICE_METRIC_PROPERTIES.errorCode]: error.code,
      });
      return;
    }
    case INVOICE_EVENT_TYPES.Cancelled:
      emitter.emit(byCity, [count(METRIC_NAMES.invoicesCancelled, 1)], invoice);
      return;
    case INVOICE_EVENT_TYPES.Substituted:
      emitter.emit(byCity, [count(METRIC_NAMES.invoicesSubstituted, 1)], invoice);
      return;
    default: {
      const never: never = event;
      throw new Error(`unknown invoice event ${JSON.stringify(never)}`);
    }
  }
}
