/**
 * The app's CloudWatch metrics, emitted as EMF log lines (Powertools Metrics) and read by the
 * dashboard and alarms (`infra/lib/stacks/ObservabilityStack.ts`). One namespace; a metric's
 * identity is its name plus its whole dimension set, so emitters and readers share these names.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export const METRICS_NAMESPACE = 'NfseFlow';

/**
 * Powertools adds `service` to every metric: the emitter (`adapter`, `certificates`, `invoices`
 * for the invoice events' function), so a dashboard reads each metric with it.
 */
export const METRIC_SERVICES = { adapter: 'adapter', certificates: 'certificates', invoices: 'invoices' } as const;
export type MetricService = (typeof METRIC_SERVICES)[keyof typeof METRIC_SERVICES];

/**
 * Dimension names. Per municipality: the registry lists a few dozen cities, a metric per city
 * costs little and an alarm needs one. Per company only for the invoice outcomes
 * ({@link INVOICE_OUTCOME_DIMENSION_SETS}), never crossed with the city: CloudWatch bills each
 * dimension combination as a custom metric, so companies × cities × metrics would cost more than
 * the rest of the observability; elsewhere the company's CNPJ travels as a property, searchable in
 * Logs Insights, not as a dimension.
 */
export const METRIC_DIMENSIONS = { municipality: 'municipalityCode', company: 'companyCnpj' } as const;

/**
 * The two dimension sets of `InvoicesIssued` and `InvoicesFailed` (each with Powertools' `service`):
 * {municipalityCode} and, apart, {companyCnpj}, so a city's figures and a company's are each one
 * metric, and never one per company and city. Why per company is acceptable: CloudWatch prorates a
 * custom metric by the hours it receives data (about $0.30 a metric-month at the first tier,
 * https://aws.amazon.com/cloudwatch/pricing/), so a company costs 2 metrics only in the hours it
 * issues: 1,000 companies issuing every hour of the month would be about $600/month, a company that
 * issues once a day a few cents. The per-company numbers answer ops' "which client is failing"
 * (the dashboard's top companies by failures) that no per-city metric can.
 */
export const INVOICE_OUTCOME_DIMENSION_SETS = [[METRIC_DIMENSIONS.municipality], [METRIC_DIMENSIONS.company]] as const;

/**
 * EMF properties (searchable in Logs Insights, never dimensions) of the invoice events' documents:
 * the invoice, and for a failure the error the workflow caught (`Provider.Rejected`) and its code.
 */
export const INVOICE_METRIC_PROPERTIES = { invoiceId: 'invoiceId', errorName: 'errorName', errorCode: 'errorCode' } as const;

/** Metric names, by what they count. */
export const METRIC_NAMES = {
  /** One per city call (service adapter, by municipality): Count 1. */
  cityCalls: 'CityCalls',
  /** Calls the city did not answer (Provider.Transient or Provider.Ambiguous): Count 0 or 1 on every call, so Sum ÷ CityCalls' Sum is the error rate. */
  cityCallErrors: 'CityCallErrors',
  /** Answers refusing the content (Provider.Rejected): Count 0 or 1 on every call. */
  cityCallRejections: 'CityCallRejections',
  /** From holding the city's slot to its answer: Milliseconds. */
  cityCallLatency: 'CityCallLatency',
  /** A message's time in RequestsQueue before its first receive (ApproximateFirstReceiveTimestamp − SentTimestamp): Milliseconds. */
  queueWait: 'QueueWait',
  /** Messages one adapter task holds that wait for the city's slot, sampled at every health flush: Count. */
  cityBacklog: 'CityBacklog',
  /** Age (since SentTimestamp) of the oldest message one task holds for the city, sampled with CityBacklog: Seconds. */
  cityBacklogAge: 'CityBacklogAge',
  /** The fewest days left among the companies' certificates at the daily check (service certificates, no dimension): Count. */
  certificateDaysLeft: 'CertificateDaysLeftMin',
  /** Certificates with 30 days or less left, expired included, at the daily check: Count. */
  certificatesExpiring: 'CertificatesExpiring',
  /** One per `InvoiceIssued` event (service invoices, by municipality and, apart, by company): Count 1, and 0 on every `InvoiceFailed`. */
  invoicesIssued: 'InvoicesIssued',
  /** One per `InvoiceFailed` event: Count 1, and 0 on every `InvoiceIssued`, so Sum ÷ SampleCount is the failure ratio. */
  invoicesFailed: 'InvoicesFailed',
  /** One per `InvoiceCancelled` event (by municipality only): Count 1. */
  invoicesCancelled: 'InvoicesCancelled',
  /** One per `InvoiceSubstituted` event (by municipality only): Count 1. */
  invoicesSubstituted: 'InvoicesSubstituted',
} as const;
export type MetricName = (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES];
