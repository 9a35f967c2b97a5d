import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CityMetrics } from '../../infra/lib/constructs/CityMetrics';
import { buildTestApp } from './helpers/buildTestApp';
import { onlyResource, resourcesOf, type Json } from './helpers/templateQueries';

function render(codes: readonly string[]): { template: Template; topicId: string } {
  const stack = new Stack(new App(), 'Test');
  const topic = new sns.Topic(stack, 'Alarms');
  new CityMetrics(stack, 'CityMetrics', { municipalityCodes: codes, alarmAction: new actions.SnsAction(topic) });
  return { template: Template.fromStack(stack), topicId: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) };
}

const adapterMetric = (id: string, metricName: string, code: string, stat: string): Json => ({
  Id: id,
  ReturnData: false,
  MetricStat: { Metric: { Namespace: 'NfseFlow', MetricName: metricName, Dimensions: [{ Name: 'municipalityCode', Value: code }, { Name: 'service', Value: 'adapter' }] }, Period: 300, Stat: stat },
});

describe('CityMetrics', () => {
  const { template, topicId } = render(['3550308', '3304557']);
  const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
  const alarm = (prefix: string): Record<string, Json> => {
    const found = Object.entries(alarms).find(([id]) => id.startsWith(prefix));
    if (found === undefined) throw new Error(`no alarm ${prefix}: ${Object.keys(alarms).join(', ')}`);
    return found[1].Properties;
  };

  it('alarms on a city\'s error rate: unanswered ÷ calls over 5 minutes, from 5 calls, to the alarm topic', () => {
    expect(alarm('CityMetricsErrorRateAlarm3550308')).toEqual({
      AlarmDescription: 'Municipality 3550308: more than 25% of the calls in 5 minutes went unanswered (refused, 5xx, timed out), with at least 5 calls.',
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      Threshold: 0.25,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId }],
      Metrics: [
        { Id: 'expr_1', Label: '3550308', ReturnData: true, Expression: 'IF(calls0 >= 5, errors0 / calls0, 0)' },
        adapterMetric('calls0', 'CityCalls', '3550308', 'Sum'),
        adapterMetric('errors0', 'CityCallErrors', '3550308', 'Sum'),
      ],
    });
  });

  it('alarms on a city\'s backlog older than 300 s for two 5-minute periods', () => {
    expect(alarm('CityMetricsBacklogAgeAlarm3304557')).toEqual({
      AlarmDescription: "Municipality 3304557: a message has waited over 300 s for the city for 10 minutes; a backlog that does not drain reaches the city call's 900 s TimeoutSeconds.",
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 2,
      Threshold: 300,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId }],
      Namespace: 'NfseFlow',
      MetricName: 'CityBacklogAge',
      Dimensions: [{ Name: 'municipalityCode', Value: '3304557' }, { Name: 'service', Value: 'adapter' }],
      Period: 300,
      Statistic: 'Maximum',
    });
  });

  it('alarms when a company\'s certificate has fewer than 7 days left', () => {
    expect(alarm('CityMetricsCertificateDaysLeftAlarm')).toMatchObject({
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 7,
      Namespace: 'NfseFlow',
      MetricName: 'CertificateDaysLeftMin',
      Dimensions: [{ Name: 'service', Value: 'certificates' }],
      Period: 86_400,
      Statistic: 'Minimum',
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it('makes two alarms per city and one for the certificates', () => {
    expect(Object.keys(alarms).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'CityMetricsBacklogAgeAlarm3304557',
      'CityMetricsBacklogAgeAlarm3550308',
      'CityMetricsCertificateDaysLeftAlarm',
      'CityMetricsErrorRateAlarm3304557',
      'CityMetricsErrorRateAlarm3550308',
    ]);
  });
});

describe('the Observability stack with the city metrics', () => {
  const { stacks } = buildTestApp();
  const codes = stacks.observability.node.findAll().filter((c) => c.node.id.startsWith('ErrorRateAlarm')).map((c) => c.node.id.slice('ErrorRateAlarm'.length));
  const observability = Template.fromStack(stacks.observability);

  it('draws every city\'s call latency, error rate, queue wait and backlog, and the certificates\' days left', () => {
    const body = JSON.stringify(onlyResource(observability, 'AWS::CloudWatch::Dashboard').properties.DashboardBody);
    for (const title of ['City call latency p95 (ms)', 'City error rate (unanswered ÷ calls, 5 min)', 'Queue wait before the first receive, p95 (ms)', 'City backlog: messages waiting for a slot (busiest task)', 'City backlog: age of the oldest (s)', 'Certificates: fewest days left']) {
      expect(body).toContain(title);
    }
    for (const metric of ['CityCallLatency', 'CityCalls', 'CityCallErrors', 'QueueWait', 'CityBacklog', 'CityBacklogAge', 'CertificateDaysLeftMin', 'CertificatesExpiring']) expect(body).toContain(`\\"${metric}\\"`);
  });

  it('gives each city of the registry its error-rate and backlog alarms', () => {
    const ids = Object.keys(resourcesOf(observability, 'AWS::CloudWatch::Alarm'));
    expect(codes.length).toBeGreaterThan(2);
    for (const code of codes) {
      expect(ids.filter((id) => id.startsWith(`CityMetricsErrorRateAlarm${code}`) || id.startsWith(`CityMetricsBacklogAgeAlarm${code}`))).toHaveLength(2);
    }
  });
});
