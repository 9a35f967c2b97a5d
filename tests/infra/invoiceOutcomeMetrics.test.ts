import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { InvoiceOutcomeMetrics } from '../../infra/lib/constructs/InvoiceOutcomeMetrics';
import { buildTestApp } from './helpers/buildTestApp';
import { actionsOfRole, logicalId, onlyResource, resourcesForAction, resourcesOf, type Json } from './helpers/templateQueries';

function render(codes: readonly string[]): { template: Template; topicId: string; dlqId: string } {
  const stack = new Stack(new App(), 'Test');
  const topic = new sns.Topic(stack, 'Alarms');
  const dlq = new sqs.Queue(stack, 'Dlq');
  new InvoiceOutcomeMetrics(stack, 'Outcomes', { municipalityCodes: codes, alarmAction: new actions.SnsAction(topic), deadLetterQueue: dlq });
  return { template: Template.fromStack(stack), topicId: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic), dlqId: stack.getLogicalId(dlq.node.defaultChild as sqs.CfnQueue) };
}

const invoicesFailed = (id: string, code: string, stat: string): Json => ({
  Id: id,
  ReturnData: false,
  MetricStat: { Metric: { Namespace: 'NfseFlow', MetricName: 'InvoicesFailed', Dimensions: [{ Name: 'municipalityCode', Value: code }, { Name: 'service', Value: 'invoices' }] }, Period: 900, Stat: stat },
});

describe('InvoiceOutcomeMetrics', () => {
  const { template, topicId, dlqId } = render(['3550308', '3304557']);
  const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
  const alarm = (prefix: string): Record<string, Json> => {
    const found = Object.entries(alarms).find(([id]) => id.startsWith(prefix));
    if (found === undefined) throw new Error(`no alarm ${prefix}: ${Object.keys(alarms).join(', ')}`);
    return found[1].Properties;
  };

  it("alarms on a city's failure ratio: failed ÷ ended over 15 minutes, from 10 invoices, to the alarm topic", () => {
    expect(alarm('OutcomesFailureRatioAlarm3304557')).toEqual({
      AlarmDescription: 'Municipality 3304557: more than 20% of the invoices that ended in 15 minutes failed, with at least 10 ended.',
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      Threshold: 0.2,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId }],
      Metrics: [
        { Id: 'expr_1', Label: '3304557', ReturnData: true, Expression: 'IF(ended1 >= 10, failed1 / ended1, 0)' },
        invoicesFailed('failed1', '3304557', 'Sum'),
        invoicesFailed('ended1', '3304557', 'SampleCount'),
      ],
    });
  });

  it('alarms when an invoice event lands in the DLQ', () => {
    expect(alarm('OutcomesDeadLetterAlarm')).toMatchObject({
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it('makes one failure-ratio alarm per city and one for the DLQ', () => {
    expect(Object.keys(alarms).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['OutcomesDeadLetterAlarm', 'OutcomesFailureRatioAlarm3304557', 'OutcomesFailureRatioAlarm3550308']);
  });
});

describe('the invoice metrics function in the app', () => {
  const { stacks } = buildTestApp();
  const compute = Template.fromStack(stacks.compute);
  const observability = Template.fromStack(stacks.observability);
  const fn = stacks.compute.functions.metrics;
  const dlq = stacks.compute.invoiceEventsDlq;
  if (fn === undefined || dlq === undefined) throw new Error('the invoice metrics function is not deployed');
  const functionId = logicalId(fn);
  const dlqArn = { 'Fn::GetAtt': [logicalId(dlq), 'Arn'] };

  it('is the target of a rule for every invoice event on the bus, with its DLQ and retries', () => {
    const rule = onlyResource(compute, 'AWS::Events::Rule', 'MetricsInvoiceEvents').properties;
    expect(rule.EventPattern).toEqual({ source: ['nfse-flow.invoices'], 'detail-type': ['InvoiceIssued', 'InvoiceFailed', 'InvoiceCancelled', 'InvoiceSubstituted'] });
    expect(JSON.stringify(rule.EventBusName)).toMatch(/Fn::ImportValue/);
    expect(rule.Targets).toEqual([{ Arn: { 'Fn::GetAtt': [functionId, 'Arn'] }, Id: 'Target0', DeadLetterConfig: { Arn: dlqArn }, RetryPolicy: { MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 8 } }]);
  });

  it('sends what it failed on to the same DLQ, after Lambda\'s two retries', () => {
    expect(onlyResource(compute, 'AWS::Lambda::EventInvokeConfig', 'MetricsTask').properties).toEqual({
      FunctionName: { Ref: functionId },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: dlqArn } },
    });
  });

  it('may only trace and send to its DLQ (its logs through the basic execution role)', () => {
    const role = logicalId(fn.role ?? fn);
    expect([...new Set(actionsOfRole(compute, role))].sort()).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(resourcesForAction(compute, role, 'sqs:SendMessage')).toEqual([dlqArn]);
  });

  it('is traced, with the Powertools service name of its metrics', () => {
    const props = resourcesOf(compute, 'AWS::Lambda::Function')[functionId].Properties;
    expect(props).toMatchObject({ TracingConfig: { Mode: 'Active' }, Timeout: 10, MemorySize: 256 });
  });

  it('draws issued and failed per city, the failure ratio and the top companies by failures', () => {
    const body = JSON.stringify(onlyResource(observability, 'AWS::CloudWatch::Dashboard').properties.DashboardBody);
    for (const title of ['Invoices issued per municipality (5 min)', 'Invoices failed per municipality (5 min)', 'Invoice failure ratio per municipality (failed ÷ ended, 15 min)', 'Top 10 companies by failed invoices (per hour)']) expect(body).toContain(title);
    expect(body).toContain(`SORT(SEARCH('{NfseFlow,companyCnpj,service} service=\\\\\\"invoices\\\\\\" MetricName=\\\\\\"InvoicesFailed\\\\\\"', 'Sum', 3600), SUM, DESC, 10)`);
  });
});
