import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { PLACEHOLDERS, WEBHOOK_PLACEHOLDERS } from '../../contracts/wiring';
import { substitutePlaceholders } from '../../workflows/asl/placeholders';
import { ALL_WORKFLOWS, BILLING_WORKFLOWS, ORDER_WORKFLOWS, WORKFLOWS } from '../../workflows/registry';
import { buildTestApp } from './helpers/buildTestApp';
import { actionsOfRole, exportedValue, logicalId, onlyResource, resourcesForAction, resourcesOf, type Json } from './helpers/templateQueries';

const { stacks } = buildTestApp();
const messaging = Template.fromStack(stacks.messaging);
const workflows = Template.fromStack(stacks.workflows);
const data = Template.fromStack(stacks.data);

const TAGS = [
  { Key: 'app', Value: 'nfse-flow' },
  { Key: 'stage', Value: 'dev' },
];

describe('MessagingStack', () => {
  it('redrives requests to the DLQ after 5 receives, with a 60 s visibility timeout and SSE', () => {
    const dlq = logicalId(stacks.messaging.requestsDlq);
    expect(onlyResource(messaging, 'AWS::SQS::Queue', 'RequestsQueue').properties).toEqual({
      VisibilityTimeout: 60,
      MessageRetentionPeriod: 345600,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 },
      Tags: TAGS,
    });
    expect(onlyResource(messaging, 'AWS::SQS::Queue', 'RequestsDLQ').properties).toEqual({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600, Tags: TAGS });
    expect(onlyResource(messaging, 'AWS::SQS::Queue', 'FailuresQueue').properties).toEqual({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600, Tags: TAGS });
  });

  it('holds throttled starts in StartQueue: visibility 60 s (6x the starter timeout), dead-lettered after 10 failed receives (the sweeper then starts the invoice)', () => {
    expect(onlyResource(messaging, 'AWS::SQS::Queue', 'StartQueue').properties).toEqual({
      VisibilityTimeout: 60,
      MessageRetentionPeriod: 345600,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(stacks.messaging.startDlq), 'Arn'] }, maxReceiveCount: 10 },
      Tags: TAGS,
    });
    expect(onlyResource(messaging, 'AWS::SQS::Queue', 'StartDLQ').properties).toEqual({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600, Tags: TAGS });
  });

  it('refuses non-TLS access to every queue', () => {
    const policies = Object.values(resourcesOf(messaging, 'AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(8);
    for (const policy of policies) {
      // The orders-events queue also lets its bus rule send to it (the second statement).
      expect((policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement[0]).toEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
  });

  it('creates the event bus', () => {
    messaging.resourceCountIs('AWS::Events::EventBus', 1);
  });

  it('alarms on the age of the oldest request and throttled start and on DLQ and failures depth, notifying the alarms topic', () => {
    const topic = logicalId(stacks.messaging.alarmsTopic);
    const alarms = Object.values(resourcesOf(messaging, 'AWS::CloudWatch::Alarm')).map((alarm) => ({
      metric: alarm.Properties.MetricName,
      queue: JSON.stringify(alarm.Properties.Dimensions).match(/(RequestsQueue|RequestsDLQ|BillingFailuresQueue|FailuresQueue|StartQueue|OrdersEventsDLQ)/)?.[1],
      threshold: alarm.Properties.Threshold,
      actions: alarm.Properties.AlarmActions,
    }));
    expect(alarms).toEqual([
      { metric: 'ApproximateAgeOfOldestMessage', queue: 'RequestsQueue', threshold: 300, actions: [{ Ref: topic }] },
      { metric: 'ApproximateAgeOfOldestMessage', queue: 'StartQueue', threshold: 300, actions: [{ Ref: topic }] },
      { metric: 'ApproximateNumberOfMessagesVisible', queue: 'RequestsDLQ', threshold: 1, actions: [{ Ref: topic }] },
      { metric: 'ApproximateNumberOfMessagesVisible', queue: 'OrdersEventsDLQ', threshold: 1, actions: [{ Ref: topic }] },
      { metric: 'ApproximateNumberOfMessagesVisible', queue: 'FailuresQueue', threshold: 1, actions: [{ Ref: topic }] },
      { metric: 'ApproximateNumberOfMessagesVisible', queue: 'BillingFailuresQueue', threshold: 1, actions: [{ Ref: topic }] },
    ]);
    messaging.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(stacks.messaging.node.findChild('AlarmsTopicKey')), 'Arn'] } });
  });
});

/** The workflows that call Step Functions themselves: the fan-out starts deliveries, the billing cycle and the saga wait for emissions (.sync:2). */
const STATES_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  webhookFanout: ['states:StartExecution'],
  billingCycle: ['states:DescribeExecution', 'states:StartExecution', 'states:StopExecution'],
  orderSaga: ['states:DescribeExecution', 'states:StartExecution', 'states:StopExecution'],
};

describe('WorkflowsStack', () => {
  const machines = resourcesOf(workflows, 'AWS::StepFunctions::StateMachine');
  const byName = (name: string): Record<string, Json> => {
    const found = Object.values(machines).find((machine) => machine.Properties.StateMachineName === `nfse-dev-${name}`);
    if (found === undefined) throw new Error(`no state machine ${name}`);
    return found.Properties;
  };
  /** Placeholder values as readable stand-ins: what a substitution resolves to doesn't matter, only that both sides get the same. */
  const standIns = (substitutions: Record<string, Json>): Record<string, string> => Object.fromEntries(Object.entries(substitutions).map(([key, value]) => [key, `<${JSON.stringify(value)}>`]));

  it('deploys one state machine per workflow of workflows/registry.ts, the billing ones and the orders saga included', () => {
    expect(Object.values(machines).map((machine) => machine.Properties.StateMachineName).sort()).toEqual([...Object.values(ALL_WORKFLOWS), ...Object.values(BILLING_WORKFLOWS), ...Object.values(ORDER_WORKFLOWS)].map((spec) => `nfse-dev-${spec.name}`).sort());
  });

  it.each(Object.values(ALL_WORKFLOWS).map((spec) => [spec.name, spec.file]))('deploys %s exactly as the exported %s, placeholders filled by DefinitionSubstitutions', (name, file) => {
    const machine = byName(name);
    const exported = fs.readFileSync(path.join(__dirname, '../../workflows', file), 'utf8');
    const substitutions = machine.DefinitionSubstitutions as Record<string, Json>;
    expect(machine.DefinitionString).toBe(exported);
    const deployed = substitutePlaceholders(machine.DefinitionString as string, standIns(substitutions));
    expect(deployed).toBe(substitutePlaceholders(exported, standIns(substitutions)));
    expect(deployed).not.toMatch(/\$\{[A-Za-z]+\}/);
    expect(Object.keys(substitutions).sort()).toEqual([...new Set([...Object.keys(PLACEHOLDERS), ...Object.keys(WEBHOOK_PLACEHOLDERS)])].sort());
  });

  it('fills the placeholders with the architecture’s resources', () => {
    const substitutions = byName('EmissionWorkflow').DefinitionSubstitutions as Record<string, Json>;
    expect(exportedValue(data, substitutions.InvoicesTable)).toEqual({ Ref: logicalId(stacks.data.invoicesTable) });
    expect(exportedValue(messaging, substitutions.RequestsQueueUrl)).toEqual({ Ref: logicalId(stacks.messaging.requestsQueue) });
    expect(exportedValue(messaging, substitutions.FailuresQueueUrl)).toEqual({ Ref: logicalId(stacks.messaging.failuresQueue) });
    expect(exportedValue(messaging, substitutions.EventBusName)).toEqual({ Ref: logicalId(stacks.messaging.eventBus) });
    expect(substitutions.DbName).toBe('nfse');
    expect(substitutions.DocsBucket).toEqual({ 'Fn::Join': ['', ['nfse-dev-docs-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] });
  });

  it('logs ALL without execution data and traces with X-Ray', () => {
    for (const machine of Object.values(machines)) {
      expect(machine.Properties.LoggingConfiguration).toEqual({ Level: 'ALL', IncludeExecutionData: false, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: expect.any(Object) } }] });
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    }
  });

  it('lets the emission role touch only the invoices table, its queues, the bus and the cluster', () => {
    const role = logicalId(stacks.workflows.workflows.emission.role);
    expect(actionsOfRole(workflows, role).filter((action) => !action.startsWith('logs:') && !action.startsWith('xray:'))).toEqual([
      'dynamodb:UpdateItem',
      'events:PutEvents',
      'rds-data:ExecuteStatement',
      'secretsmanager:GetSecretValue',
      'sqs:SendMessage',
    ]);
    const [table] = resourcesForAction(workflows, role, 'dynamodb:UpdateItem');
    expect(exportedValue(data, table)).toEqual({ 'Fn::GetAtt': [logicalId(stacks.data.invoicesTable), 'Arn'] });
    expect(resourcesForAction(workflows, role, 'dynamodb:UpdateItem')).toHaveLength(1);
    const queues = resourcesForAction(workflows, role, 'sqs:SendMessage').map((queue) => exportedValue(messaging, queue));
    expect(queues).toEqual(expect.arrayContaining([{ 'Fn::GetAtt': [logicalId(stacks.messaging.requestsQueue), 'Arn'] }, { 'Fn::GetAtt': [logicalId(stacks.messaging.failuresQueue), 'Arn'] }]));
    expect(queues).toHaveLength(2);
  });

  it('signs every workflow in to the Data API as the report writer, never the master, and lets it read only that secret', () => {
    const writer = { Ref: logicalId(stacks.data.reportWriterSecret) };
    for (const [key, spec] of Object.entries(WORKFLOWS)) {
      const workflow = stacks.workflows.workflows[key];
      const machine = byName(spec.name);
      expect(exportedValue(data, (machine.DefinitionSubstitutions as Record<string, Json>).DbSecretArn)).toEqual(writer);
      expect(resourcesForAction(workflows, logicalId(workflow.role), 'secretsmanager:GetSecretValue').map((secret) => exportedValue(data, secret))).toEqual([writer]);
    }
  });

  it('gives no workflow role a write on the requests or tenants table, nor any states: action but the fan-out starting deliveries and the billing cycle and the orders saga waiting for emissions', () => {
    const forbidden = [logicalId(stacks.data.requestsTable), logicalId(stacks.data.tenantsTable)];
    for (const [key, workflow] of Object.entries(stacks.workflows.workflows)) {
      const role = logicalId(workflow.role);
      const tables = ['dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'].flatMap((action) => resourcesForAction(workflows, role, action)).map((table) => JSON.stringify(exportedValue(data, table)));
      for (const id of forbidden) expect(tables.join()).not.toContain(id);
      expect(actionsOfRole(workflows, role).filter((action) => action.startsWith('states:') || action.endsWith(':*'))).toEqual(STATES_ACTIONS[key] ?? []);
    }
  });

  it('lets the fan-out start only WebhookDeliveryWorkflow and query only the webhooks lookup index', () => {
    const role = logicalId(stacks.workflows.workflows.webhookFanout.role);
    expect(JSON.stringify(resourcesForAction(workflows, role, 'states:StartExecution'))).toContain(':stateMachine:nfse-dev-WebhookDeliveryWorkflow');
    expect(resourcesForAction(workflows, role, 'states:StartExecution')).toHaveLength(1);
    const [index] = resourcesForAction(workflows, role, 'dynamodb:Query');
    expect(JSON.stringify(index)).toContain('/index/lookup');
    expect(JSON.stringify(index)).toContain('WebhooksTable');
  });

  it('runs the fan-out as Express, logging every event without execution data to its own log group, and every other workflow as Standard', () => {
    const machines = resourcesOf(workflows, 'AWS::StepFunctions::StateMachine');
    const fanoutId = logicalId(stacks.workflows.stateMachines.webhookFanout as never);
    const fanout = machines[fanoutId];
    expect(fanout?.Properties.StateMachineType).toBe('EXPRESS');
    expect(fanout?.Properties.LoggingConfiguration).toEqual({
      Level: 'ALL',
      IncludeExecutionData: false,
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logicalId(stacks.workflows.workflows.webhookFanout.logGroup), 'Arn'] } } }],
    });
    expect(fanout?.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(Object.entries(machines).filter(([, machine]) => machine.Properties.StateMachineType === 'EXPRESS').map(([id]) => id)).toEqual([fanoutId]);
  });

  it('starts the fan-out for every bus event a webhook type comes from', () => {
    const [rule] = Object.values(resourcesOf(workflows, 'AWS::Events::Rule'));
    expect(rule?.Properties.EventPattern).toEqual({
      source: ['nfse-flow.invoices', 'nfse-flow.certificates', 'nfse-flow.billing', 'nfse-flow.orders'],
      'detail-type': ['InvoiceIssued', 'InvoiceFailed', 'InvoiceCancelled', 'InvoiceSubstituted', 'CertificateExpiring', 'BillingRunFinished', 'OrderConfirmed', 'OrderFailed'],
    });
    expect(rule?.Properties.Targets).toEqual([expect.objectContaining({ Arn: { Ref: logicalId(stacks.workflows.stateMachines.webhookFanout as never) } })]);
  });

  it('lets the webhook sender read the stage\'s webhook secrets only, and send HTTPS only', () => {
    const functions = Object.entries(resourcesOf(workflows, 'AWS::Lambda::Function')).filter(([id]) => id.startsWith('WebhookSender'));
    expect(functions).toHaveLength(1);
    const policies = Object.values(resourcesOf(workflows, 'AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties.Roles).includes('WebhookSender'));
    const statements = policies.flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Array<{ Action: unknown; Resource: unknown }> }).Statement).filter((statement) => !JSON.stringify(statement.Action).includes('xray'));
    expect(statements.map((statement) => statement.Action)).toEqual(['secretsmanager:GetSecretValue', 'kms:Decrypt']);
    expect(JSON.stringify(statements[0]?.Resource)).toContain(':secret:nfse-dev/webhooks/*/signing-secret-??????');
    const groups = Object.entries(resourcesOf(workflows, 'AWS::EC2::SecurityGroup')).filter(([id]) => id.startsWith('WebhookSender'));
    expect(groups.map(([, group]) => group.Properties.SecurityGroupEgress)).toEqual([[expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' })]]);
  });
});
