import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_DIMENSIONS, METRIC_NAMES, METRIC_SERVICES, METRICS_NAMESPACE, type MetricName } from '../../../contracts/metrics';

/** Options of {@link InvoiceOutcomeMetrics}. */
export interface InvoiceOutcomeMetricsProps {
  /** The registry's cities: one line per city on each graph, one failure-ratio alarm per city. */
  readonly municipalityCodes: readonly string[];
  /** Every alarm's action (the stage's alarm topic). */
  readonly alarmAction: cloudwatch.IAlarmAction;
  /** Failed ÷ (issued + failed) over the period that alarms. @default 0.2 */
  readonly failureRatioThreshold?: number;
  /** Invoices ended in the period below which a city's ratio is not judged (one failure of three is noise). @default 10 */
  readonly minInvoices?: number;
  /** The period of the ratio and its alarm. @default 15 minutes */
  readonly period?: Duration;
  /** How many companies the top-failures widget shows. @default 10 */
  readonly topCompanies?: number;
  /** The invoice events rule's DLQ: an alarm when an event did not become a metric. @default no alarm */
  readonly deadLetterQueue?: sqs.IQueue;
}

/**
 * The invoice outcomes the invoice metrics function emits as EMF (`tasks/metrics`): issued and
 * failed per city, the failure ratio per city with one alarm per city (metric math over
 * `InvoicesFailed`, which is 0 on every issued invoice, so its SampleCount is every invoice that
 * ended), and the companies with the most failures (a SEARCH over the per-company dimension set,
 * sorted: no alarm can SEARCH, but a dashboard can).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-search-expressions.html
 */
export class InvoiceOutcomeMetrics extends Construct {
  /** Dashboard rows. */
  public readonly rows: readonly (readonly cloudwatch.IWidget[])[];
  public readonly alarms: readonly cloudwatch.Alarm[];

  public constructor(scope: Construct, id: string, props: InvoiceOutcomeMetricsProps) {
    super(scope, id);
    const codes = props.municipalityCodes;
    const threshold = props.failureRatioThreshold ?? 0.2;
    const minInvoices = props.minInvoices ?? 10;
    const period = props.period ?? Duration.minutes(15);
    const top = props.topCompanies ?? 10;

    const failureRatio = (code: string, index: number): cloudwatch.MathExpression =>
      new cloudwatch.MathExpression({
        expression: `IF(ended${index} >= ${minInvoices}, failed${index} / ended${index}, 0)`,
        usingMetrics: { [`failed${index}`]: cityMetric(METRIC_NAMES.invoicesFailed, code, 'Sum', period), [`ended${index}`]: cityMetric(METRIC_NAMES.invoicesFailed, code, 'SampleCount', period) },
        label: code,
        period,
      });
    const perCity = (name: MetricName): cloudwatch.Metric[] => codes.map((code) => cityMetric(name, code, 'Sum', Duration.minutes(5)).with({ label: code }));
    const companySearch = `SEARCH('{${METRICS_NAMESPACE},${METRIC_DIMENSIONS.company},service} service="${METRIC_SERVICES.invoices}" MetricName="${METRIC_NAMES.invoicesFailed}"', 'Sum', 3600)`;

    this.rows = [
      [
        new cloudwatch.GraphWidget({ title: 'Invoices issued per municipality (5 min)', width: 8, left: perCity(METRIC_NAMES.invoicesIssued), stacked: true }),
        new cloudwatch.GraphWidget({ title: 'Invoices failed per municipality (5 min)', width: 8, left: perCity(METRIC_NAMES.invoicesFailed), stacked: true }),
        new cloudwatch.GraphWidget({
          title: `Invoice failure ratio per municipality (failed ÷ ended, ${period.toMinutes()} min)`,
          width: 8,
          left: codes.map(failureRatio),
          leftYAxis: { min: 0, max: 1 },
          leftAnnotations: [{ value: threshold, label: 'alarm' }],
        }),
      ],
      [
        new cloudwatch.GraphWidget({
          title: `Top ${top} companies by failed invoices (per hour)`,
          width: 24,
          left: [new cloudwatch.MathExpression({ expression: `SORT(${companySearch}, SUM, DESC, ${top})`, usingMetrics: {}, label: 'failed', period: Duration.hours(1) })],
        }),
      ],
    ];

    const alarms = codes.map((code, index) =>
      failureRatio(code, index).createAlarm(this, `FailureRatioAlarm${code}`, {
        alarmDescription: `Municipality ${code}: more than ${threshold * 100}% of the invoices that ended in ${period.toMinutes()} minutes failed, with at least ${minInvoices} ended.`,
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    if (props.deadLetterQueue !== undefined) {
      alarms.push(
        props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }).createAlarm(this, 'DeadLetterAlarm', {
          alarmDescription: 'An invoice event did not become a metric (undeliverable, or the invoice metrics function failed on it): see the invoice events DLQ.',
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    for (const alarm of alarms) alarm.addAlarmAction(props.alarmAction);
    this.alarms = alarms;
  }
}

/** An invoice outcome of one city (the dimensions Powertools writes: service and municipality). */
function cityMetric(metricName: MetricName, code: string, statistic: string, period: Duration): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: METRIC_SERVICES.invoices, [METRIC_DIMENSIONS.municipality]: code }, statistic, period });
}
