import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ADAPTER_ERRORS_METRIC, METRICS_NAMESPACE } from '../constructs/AdapterService';
import { CityMetrics } from '../constructs/CityMetrics';
import { InvoiceOutcomeMetrics } from '../constructs/InvoiceOutcomeMetrics';

/** Options of {@link ObservabilityStack}. */
export interface ObservabilityStackProps extends StackProps {
  readonly stage: string;
  /** By workflow key. */
  readonly stateMachines: Readonly<Record<string, sfn.IStateMachine>>;
  readonly requestsQueue: sqs.IQueue;
  readonly requestsDlq: sqs.IQueue;
  readonly failuresQueue: sqs.IQueue;
  /** Usage billing's failures queue (one message per company whose month failed) and its schedules' dead-letter queue. */
  readonly billing: { readonly failuresQueue: sqs.IQueue; readonly schedulesDlq: sqs.IQueue };
  readonly api: apigateway.RestApiBase;
  /** By task key. */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  readonly adapter: { readonly clusterName: string; readonly serviceName: string };
  readonly municipalityCodes: readonly string[];
  readonly alarmsTopic: sns.ITopic;
  /** The invoice events rule's DLQ (ComputeStack), alarmed on. @default none */
  readonly invoiceEventsDlq?: sqs.IQueue;
}

/** One dashboard for the invoice pipeline, and the alarms that are not the queues' own. */
export class ObservabilityStack extends Stack {
  public readonly dashboard: cloudwatch.Dashboard;

  public constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const period = Duration.minutes(5);
    const notify = new actions.SnsAction(props.alarmsTopic);
    const machines = Object.entries(props.stateMachines);
    const apiDims = { ApiName: props.api.restApiName, Stage: props.api.deploymentStage.stageName };
    const apiMetric = (metricName: string, statistic: string): cloudwatch.Metric => new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: apiDims, statistic, period });

    const adapterErrors = props.municipalityCodes.map((code) => new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: ADAPTER_ERRORS_METRIC, dimensionsMap: { municipalityCode: code }, statistic: 'Sum', period, label: code }));

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `nfse-${props.stage}`, defaultInterval: Duration.hours(6) });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Executions started / succeeded / failed',
        width: 12,
        left: machines.flatMap(([key, machine]) => [
          machine.metricStarted({ period, label: `${key} started` }),
          machine.metricSucceeded({ period, label: `${key} succeeded` }),
          machine.metricFailed({ period, label: `${key} failed` }),
        ]),
      }),
      new cloudwatch.GraphWidget({
        title: 'Queue depth',
        width: 6,
        left: [
          props.requestsQueue.metricApproximateNumberOfMessagesVisible({ period, label: 'requests' }),
          props.requestsDlq.metricApproximateNumberOfMessagesVisible({ period, label: 'requests DLQ' }),
          props.failuresQueue.metricApproximateNumberOfMessagesVisible({ period, label: 'failures' }),
        ],
      }),
      new cloudwatch.GraphWidget({ title: 'Age of oldest request (s)', width: 6, left: [props.requestsQueue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum', label: 'requests' })] }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'API latency (ms)', width: 8, left: [apiMetric('Latency', 'p50'), apiMetric('Latency', 'p99')] }),
      new cloudwatch.GraphWidget({ title: 'API 4xx / 5xx', width: 8, left: [apiMetric('4XXError', 'Sum'), apiMetric('5XXError', 'Sum')] }),
      new cloudwatch.GraphWidget({
        title: 'Adapter errors per municipality',
        width: 8,
        left: adapterErrors,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Lambda errors', width: 12, left: Object.entries(props.functions).map(([key, fn]) => fn.metricErrors({ period, label: key })) }),
      new cloudwatch.GraphWidget({
        title: 'Adapter tasks running',
        width: 12,
        left: [new cloudwatch.Metric({ namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', dimensionsMap: { ClusterName: props.adapter.clusterName, ServiceName: props.adapter.serviceName }, statistic: 'Average', period })],
      }),
    );

    this.dashboard.addWidgets(...this.billingWidgets(props, period));

    const alarms: cloudwatch.Alarm[] = [
      ...machines.map(([key, machine]) =>
        machine.metricFailed({ period }).createAlarm(this, `${key}ExecutionsFailedAlarm`, {
          alarmDescription: `${key} executions failed (an infrastructure failure to redrive, or Invoice.Failed to reprocess).`,
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      ),
      apiMetric('5XXError', 'Sum').createAlarm(this, 'Api5xxAlarm', {
        alarmDescription: 'The API answered 5xx.',
        threshold: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      apiMetric('Latency', 'p99').createAlarm(this, 'ApiLatencyAlarm', {
        alarmDescription: 'API p99 latency above 3 s for 15 minutes.',
        threshold: 3000,
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      // Alarms cannot SEARCH: the worst of the registry's municipalities.
      new cloudwatch.MathExpression({
        expression: `MAX([${props.municipalityCodes.map((_, index) => `m${index}`).join(',')}])`,
        usingMetrics: Object.fromEntries(adapterErrors.map((metric, index) => [`m${index}`, metric])),
        label: 'adapter errors (worst municipality)',
        period,
      }).createAlarm(this, 'AdapterErrorsAlarm', {
        alarmDescription: 'A municipality keeps failing (SendTaskFailure answers of the adapter).',
        threshold: 10,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      props.billing.schedulesDlq.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }).createAlarm(this, 'BillingSchedulesDlqAlarm', {
        alarmDescription: 'A billing schedule could not start its state machine (the start is in the schedules DLQ): that day\'s run or the week\'s CNPJ sync did not happen.',
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      ...Object.entries(props.functions).map(([key, fn]) =>
        fn.metricErrors({ period }).createAlarm(this, `${key}FunctionErrorsAlarm`, {
          alarmDescription: `The ${key} function threw.`,
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      ),
    ];
    for (const alarm of alarms) alarm.addAlarmAction(notify);

    // The adapters' and the certificate check's EMF metrics, per city, with their own alarms.
    const cities = new CityMetrics(this, 'CityMetrics', { municipalityCodes: props.municipalityCodes, alarmAction: notify });
    for (const row of cities.rows) this.dashboard.addWidgets(...row);
    // The invoice outcomes per city and the companies failing most, from the invoice events.
    const outcomes = new InvoiceOutcomeMetrics(this, 'InvoiceOutcomes', { municipalityCodes: props.municipalityCodes, alarmAction: notify, deadLetterQueue: props.invoiceEventsDlq });
    for (const row of outcomes.rows) this.dashboard.addWidgets(...row);
  }

  /**
   * Usage billing's row: runs, companies failed (each failed company is one message RouteFailure
   * sends to BillingFailuresQueue), what waits for ops, and the billing functions' errors.
   */
  private billingWidgets(props: ObservabilityStackProps, period: Duration): cloudwatch.IWidget[] {
    const runs = (['billingCycle', 'cnpjSync'] as const).flatMap((key) => {
      const machine = props.stateMachines[key];
      return machine === undefined ? [] : [machine.metricStarted({ period, label: `${key} started` }), machine.metricSucceeded({ period, label: `${key} succeeded` }), machine.metricFailed({ period, label: `${key} failed` })];
    });
    const billingFunctions = Object.entries(props.functions).filter(([key]) => key.startsWith('billing'));
    return [
      new cloudwatch.GraphWidget({ title: 'Billing runs', width: 6, left: runs }),
      new cloudwatch.GraphWidget({
        title: 'Billing companies failed',
        width: 6,
        left: [props.billing.failuresQueue.metricNumberOfMessagesSent({ period, statistic: 'Sum', label: 'companies failed' })],
      }),
      new cloudwatch.GraphWidget({
        title: 'Billing: waiting for ops',
        width: 6,
        left: [
          props.billing.failuresQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label: 'failed companies' }),
          props.billing.schedulesDlq.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label: 'refused schedule starts' }),
        ],
      }),
      new cloudwatch.GraphWidget({ title: 'Billing functions: errors', width: 6, left: billingFunctions.map(([key, fn]) => fn.metricErrors({ period, label: key })) }),
    ];
  }
}
