/**
 * The app's CloudWatch metrics, emitted as EMF log lines (Powertools Metrics) and read by the
 * dashboard and alarms (`infra/lib/stacks/ObservabilityStack.ts`). One namespace; a metric's
 * identity is its name plus its whole dimension set, so emitters and readers share these names.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export const METRICS_NAMESPACE = 'NfseFlow';

/**
 * Powertools adds `service` to every metric: the emitter (`adapter`, `certificates`), so a
 * dashboard reads each metric with it.
 */
export const METRIC_SERVICES = { adapter: 'adapter', certificates: 'certificates' } as const;
export type MetricService = (typeof METRIC_SERVICES)[keyof typeof METRIC_SERVICES];

/**
 * Dimension names. Per municipality only: the registry lists a few dozen cities, a metric per city
 * costs little and an alarm needs one. Never per company: CloudWatch bills each dimension
 * combination as a custom metric (thousands of companies × cities × metrics), so the company's
 * CNPJ travels in the EMF document as a property, searchable in Logs Insights, not as a dimension.
 */
export const METRIC_DIMENSIONS = { municipality: 'municipalityCode' } as const;

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
} as const;
export type MetricName = (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES];
