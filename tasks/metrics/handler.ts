import { InvoiceBusEventSchema } from '../../contracts/invoiceBusEvent';
import { METRIC_SERVICES } from '../../contracts/metrics';
import { MetricsEmitter, type EmfSink } from '../../lib/metrics/MetricsEmitter';
import { logger } from '../shared/logger';
import { annotateTrace, tracedHandler } from '../shared/tracing';
import { emitInvoiceMetrics } from './invoiceMetrics';

/** Options of {@link invoiceMetricsHandler}. */
export interface InvoiceMetricsHandlerOptions {
  /**
   * Where the documents go when metrics are disabled (`POWERTOOLS_METRICS_DISABLED`, the local cloud).
   * @default the handler's logger at debug, as the certificate check's
   */
  readonly whenDisabled?: EmfSink;
  /** Where the documents go otherwise. @default stdout, one line each (CloudWatch Logs extracts the metrics) */
  readonly sink?: EmfSink;
  /** Whether metrics are disabled. @default Powertools' reading of `POWERTOOLS_METRICS_DISABLED` */
  readonly disabled?: boolean;
  /** The documents' timestamp (epoch ms). @default Date.now */
  readonly now?: () => number;
}

/**
 * The invoice metrics function (an EventBridge rule's target on the app's bus): parses the event
 * with its contract and emits its EMF document. A malformed event throws, so Lambda retries it
 * twice and then its on-failure destination (the rule's DLQ) keeps it.
 */
export function invoiceMetricsHandler(options: InvoiceMetricsHandlerOptions = {}): (event: unknown) => Promise<void> {
  const emitter = new MetricsEmitter({
    service: METRIC_SERVICES.invoices,
    warn: (problem) => logger.warn('metric not emitted as asked', { problem }),
    whenDisabled: options.whenDisabled ?? ((emf): void => logger.debug('metrics', { emf })),
    ...(options.sink !== undefined ? { sink: options.sink } : {}),
    ...(options.disabled !== undefined ? { disabled: options.disabled } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
  // Nothing to await: the document is written before the handler returns.
  return (event) =>
    Promise.resolve().then(() => {
      const parsed = InvoiceBusEventSchema.parse(event);
      annotateTrace({ invoiceId: parsed.detail.invoiceId, companyCnpj: parsed.detail.companyCnpj, executionArn: parsed.detail.executionArn });
      emitInvoiceMetrics(parsed, emitter);
    });
}

/** The Lambda entry point, traced in Lambda (a subsegment of the invocation). */
export const handler = tracedHandler('invoiceMetrics', invoiceMetricsHandler());
