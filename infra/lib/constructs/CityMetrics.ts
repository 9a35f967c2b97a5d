import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { METRIC_DIMENSIONS, METRIC_NAMES, METRIC_SERVICES, METRICS_NAMESPACE, type MetricName } from '../../../contracts/metrics';

/** Options of {@link CityMetrics}. */
export interface CityMetricsProps {
  /** The registry's cities: one line per city on each graph, one error-rate and one backlog alarm per city. */
  readonly municipalityCodes: readonly string[];
  /** Every alarm's action (the stage's alarm topic). */
  readonly alarmAction: cloudwatch.IAlarmAction;
  /** Unanswered calls ÷ calls over 5 minutes that alarm; before the console's circuit opens at half. @default 0.25 */
  readonly errorRateThreshold?: number;
  /** Calls in 5 minutes below which a city's error rate is not judged (two failures of three calls are noise). @default 5 */
  readonly minCalls?: number;
  /**
   * Age (seconds since queued) of a city's oldest waiting message that alarms when it lasts 10
   * minutes. A third of the city call's TimeoutSeconds (900): a backlog this old and not draining
   * heads for States.Timeout. @default 300
   */
  readonly backlogAgeThresholdSeconds?: number;
  /** Fewest days left on a company's certificate that alarms (the 7-day notice). @default 7 */
  readonly certificateDaysThreshold?: number;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The per-city figures the adapters emit as EMF (`contracts/metrics.ts`) on the dashboard, and
 * their alarms: a city's error rate (metric math: CityCallErrors ÷ CityCalls) and a city's
 * backlog age, one alarm per city so the alarm names the city; and the certificates' fewest days left.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create-alarm-on-metric-math-expression.html
 */
export class CityMetrics extends Construct {
  /** Dashboard rows. */
  public readonly rows: readonly (readonly cloudwatch.IWidget[])[];
  public readonly alarms: readonly cloudwatch.Alarm[];

  public constructor(scope: Construct, id: string, props: CityMetricsProps) {
    super(scope, id);
    const codes = props.municipalityCodes;
    const minCalls = props.minCalls ?? 5;
    const errorRateThreshold = props.errorRateThreshold ?? 0.25;
    const backlogAgeThreshold = props.backlogAgeThresholdSeconds ?? 300;
    const certificateDaysThreshold = props.certificateDaysThreshold ?? 7;

    const errorRate = (code: string, index: number): cloudwatch.MathExpression =>
      new cloudwatch.MathExpression({
        // No judgement on a handful of calls: the rate reads 0 below minCalls.
        expression: `IF(calls${index} >= ${minCalls}, errors${index} / calls${index}, 0)`,
        usingMetrics: { [`calls${index}`]: cityMetric(METRIC_NAMES.cityCalls, code, 'Sum'), [`errors${index}`]: cityMetric(METRIC_NAMES.cityCallErrors, code, 'Sum') },
        label: code,
        period: FIVE_MINUTES,
      });
    const perCity = (name: MetricName, statistic: string): cloudwatch.Metric[] => codes.map((code) => cityMetric(name, code, statistic).with({ label: code }));
    const certificateDaysLeft = new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: METRIC_NAMES.certificateDaysLeft, dimensionsMap: { service: METRIC_SERVICES.certificates }, statistic: 'Minimum', period: Duration.days(1) });

    this.rows = [
      [
        new cloudwatch.GraphWidget({ title: 'City call latency p95 (ms)', width: 8, left: perCity(METRIC_NAMES.cityCallLatency, 'p95') }),
        new cloudwatch.GraphWidget({
          title: 'City error rate (unanswered ÷ calls, 5 min)',
          width: 8,
          left: codes.map(errorRate),
          leftYAxis: { min: 0, max: 1 },
          leftAnnotations: [{ value: errorRateThreshold, label: 'alarm' }],
        }),
        new cloudwatch.GraphWidget({ title: 'City calls (5 min)', width: 8, left: perCity(METRIC_NAMES.cityCalls, 'Sum'), stacked: true }),
      ],
      [
        new cloudwatch.GraphWidget({ title: 'Queue wait before the first receive, p95 (ms)', width: 8, left: perCity(METRIC_NAMES.queueWait, 'p95') }),
        new cloudwatch.GraphWidget({ title: 'City backlog: messages waiting for a slot (busiest task)', width: 8, left: perCity(METRIC_NAMES.cityBacklog, 'Maximum') }),
        new cloudwatch.GraphWidget({
          title: 'City backlog: age of the oldest (s)',
          width: 8,
          left: perCity(METRIC_NAMES.cityBacklogAge, 'Maximum'),
          leftAnnotations: [{ value: backlogAgeThreshold, label: 'alarm' }],
        }),
      ],
      [
        new cloudwatch.SingleValueWidget({ title: 'Certificates: fewest days left', width: 6, metrics: [certificateDaysLeft] }),
        new cloudwatch.SingleValueWidget({
          title: 'Certificates within 30 days',
          width: 6,
          metrics: [new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: METRIC_NAMES.certificatesExpiring, dimensionsMap: { service: METRIC_SERVICES.certificates }, statistic: 'Maximum', period: Duration.days(1) })],
        }),
      ],
    ];

    const alarms: cloudwatch.Alarm[] = [];
    codes.forEach((code, index) => {
      alarms.push(
        errorRate(code, index).createAlarm(this, `ErrorRateAlarm${code}`, {
          alarmDescription: `Municipality ${code}: more than ${errorRateThreshold * 100}% of the calls in 5 minutes went unanswered (refused, 5xx, timed out), with at least ${minCalls} calls.`,
          threshold: errorRateThreshold,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
        cityMetric(METRIC_NAMES.cityBacklogAge, code, 'Maximum').createAlarm(this, `BacklogAgeAlarm${code}`, {
          alarmDescription: `Municipality ${code}: a message has waited over ${backlogAgeThreshold} s for the city for 10 minutes; a backlog that does not drain reaches the city call's 900 s TimeoutSeconds.`,
          threshold: backlogAgeThreshold,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 2,
          // Drained tasks stop reporting: no data is no backlog.
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    });
    alarms.push(
      certificateDaysLeft.createAlarm(this, 'CertificateDaysLeftAlarm', {
        alarmDescription: `A company's A1 certificate has fewer than ${certificateDaysThreshold} days left: its invoices fail as Provider.CertificateMissing once it expires.`,
        threshold: certificateDaysThreshold,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    for (const alarm of alarms) alarm.addAlarmAction(props.alarmAction);
    this.alarms = alarms;
  }
}

/** An adapter metric of one city (the dimensions Powertools writes: service and municipality), 5-minute periods. */
function cityMetric(metricName: MetricName, code: string, statistic: string): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: METRIC_SERVICES.adapter, [METRIC_DIMENSIONS.municipality]: code }, statistic, period: FIVE_MINUTES });
}
