import { Template } from 'aws-cdk-lib/assertions';
import { buildTestApp } from './helpers/buildTestApp';
import { actionsOfRole, onlyResource, resourcesOf, statementsOfRole } from './helpers/templateQueries';

describe('the orders outbox in the CDK app', () => {
  const { stacks } = buildTestApp();
  const messaging = Template.fromStack(stacks.messaging);
  const compute = Template.fromStack(stacks.compute);
  const data = Template.fromStack(stacks.data);
  const roleOf = (functionPrefix: string): string => {
    const fn = onlyResource(compute, 'AWS::Lambda::Function', functionPrefix);
    return (fn.properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  };

  it('archives every event of the bus for 90 days', () => {
    const archive = onlyResource(messaging, 'AWS::Events::Archive');
    expect(archive.properties).toEqual({
      Description: 'Every event of the bus, for replay',
      EventPattern: { account: [{ Ref: 'AWS::AccountId' }] },
      // CDK's default: the bus's own encryption (an AWS owned key).
      KmsKeyIdentifier: '',
      RetentionDays: 90,
      SourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^EventBus/), 'Arn'] },
    });
  });

  it('sends order events to the orders-events queue, which dead-letters after 3 receives', () => {
    const rule = onlyResource(messaging, 'AWS::Events::Rule', 'OrdersEventsRule');
    const queue = onlyResource(messaging, 'AWS::SQS::Queue', 'OrdersEventsQueue');
    const dlq = onlyResource(messaging, 'AWS::SQS::Queue', 'OrdersEventsDLQ');
    expect(rule.properties).toMatchObject({ EventPattern: { source: ['nfse-flow.orders'] }, Targets: [{ Arn: { 'Fn::GetAtt': [queue.id, 'Arn'] } }] });
    expect(queue.properties).toMatchObject({ VisibilityTimeout: 180, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq.id, 'Arn'] }, maxReceiveCount: 3 } });
  });

  it('runs the relay every minute from EventBridge Scheduler, with no flexible window and a DLQ', () => {
    const schedule = onlyResource(compute, 'AWS::Scheduler::Schedule');
    const dlq = onlyResource(compute, 'AWS::SQS::Queue', 'OutboxRelayScheduleDLQ');
    const relay = onlyResource(compute, 'AWS::Lambda::Function', 'OutboxRelayFunction');
    // Named per stage, so the saga's NudgeRelay can name it from WorkflowsStack (outboxRelayFunctionArn).
    expect(relay.properties.FunctionName).toBe('nfse-dev-outbox-relay');
    expect(schedule.properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [relay.id, 'Arn'] }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq.id, 'Arn'] } }, RetryPolicy: { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 2 } },
    });
  });

  it('lets the relay lease and mark outbox rows with its own secret and publish to the bus, and nothing else', () => {
    const role = roleOf('OutboxRelayFunction');
    expect(actionsOfRole(compute, role)).toEqual([
      'events:PutEvents',
      'rds-data:ExecuteStatement',
      'secretsmanager:GetSecretValue',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    const secretStatement = statementsOfRole(compute, role).find((statement) => statement.Action === 'secretsmanager:GetSecretValue');
    expect(JSON.stringify(secretStatement?.Resource)).toContain('OutboxRelaySecret');
  });

  it('lets the consumer read its queue and insert with its own secret, and nothing else', () => {
    const role = roleOf('OrdersEventsConsumerFunction');
    expect(actionsOfRole(compute, role)).toEqual([
      'rds-data:ExecuteStatement',
      'secretsmanager:GetSecretValue',
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    expect(onlyResource(compute, 'AWS::Lambda::EventSourceMapping', 'OrdersEventsConsumer').properties).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  it('creates the outbox tables, the relay’s claim function and the two database users with grants on them only', () => {
    const migration = Object.values(resourcesOf(data, 'Custom::NfseSchemaMigration'))[0];
    const statements = migration?.Properties.Statements as string[];
    expect(migration?.Properties.Roles).toEqual(['nfse_report_writer', 'nfse_report_reader', 'nfse_outbox_relay', 'nfse_orders_consumer', 'nfse_billing_writer', 'nfse_billing_reader', 'nfse_orders_api', 'nfse_order_saga', 'nfse_order_invoice']);
    expect(statements.filter((sql) => sql.startsWith('GRANT') && /nfse_outbox_relay|nfse_orders_consumer/.test(sql))).toEqual([
      'GRANT USAGE ON SCHEMA faturamento TO nfse_outbox_relay, nfse_orders_consumer',
      'GRANT SELECT, UPDATE ON faturamento.eventos_outbox TO nfse_outbox_relay',
      'GRANT EXECUTE ON FUNCTION faturamento.claim_outbox_rows(text, integer, double precision) TO nfse_outbox_relay',
      'GRANT SELECT, INSERT ON faturamento.mensagens_processadas, faturamento.order_event_log TO nfse_orders_consumer',
    ]);
    expect(statements.some((sql) => sql.startsWith('CREATE TABLE IF NOT EXISTS faturamento.eventos_outbox'))).toBe(true);
    // The relay's claim, created before its grants, and run by no one else.
    const created = statements.findIndex((sql) => sql.startsWith('CREATE OR REPLACE FUNCTION faturamento.claim_outbox_rows('));
    const revoked = statements.indexOf('REVOKE EXECUTE ON FUNCTION faturamento.claim_outbox_rows(text, integer, double precision) FROM PUBLIC');
    expect(created).toBeGreaterThanOrEqual(0);
    expect(revoked).toBeGreaterThan(created);
  });
});
