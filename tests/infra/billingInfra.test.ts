import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { BILLING_SCHEDULES } from '../../contracts/billingSchedules';
import { BILLING_GRANTS_SQL, BILLING_SCHEMA_SQL } from '../../contracts/billingSchemaSql';
import { splitSqlStatements } from '../../contracts/invoicesSchemaSql';
import { BILLING_PLACEHOLDERS } from '../../contracts/wiring';
import { BILLING_WORKFLOWS } from '../../workflows/registry';
import { buildTestApp } from './helpers/buildTestApp';
import { exportedValue, logicalId, onlyResource, resourcesForAction, resourcesOf, statementsOfRole, type Json } from './helpers/templateQueries';

const { stacks } = buildTestApp({ context: { billingUsageApiUrl: 'https://usage.example.com/', billingIssuerCnpj: '11222333000181' } });
const workflows = Template.fromStack(stacks.workflows);
const compute = Template.fromStack(stacks.compute);
const messaging = Template.fromStack(stacks.messaging);
const data = Template.fromStack(stacks.data);
const observability = Template.fromStack(stacks.observability);

/** `arn:…:{suffix}` as the template joins it for this account and region. */
const arnJoin = (service: string, suffix: string): Json => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:sa-east-1:`, { Ref: 'AWS::AccountId' }, suffix]] });
const functionArn = (name: string): Json => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lambda:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:function:${name}`]] });
const machineProperties = (name: string): Record<string, Json> => {
  const found = Object.values(resourcesOf(workflows, 'AWS::StepFunctions::StateMachine')).find((machine) => machine.Properties.StateMachineName === `nfse-dev-${name}`);
  if (found === undefined) throw new Error(`no state machine ${name}`);
  return found.Properties;
};
/** A role's statements but the logging and X-Ray ones every state machine and function has. */
const ownStatements = (template: Template, roleId: string): Array<{ Action: string | string[]; Resource: Json }> =>
  statementsOfRole(template, roleId)
    .filter((statement) => !JSON.stringify(statement.Action).includes('xray:') && !JSON.stringify(statement.Action).includes('logs:'))
    .map(({ Action, Resource }) => ({ Action, Resource }));
const roleOfFunction = (prefix: string): string => (onlyResource(compute, 'AWS::Lambda::Function', prefix).properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

describe('usage billing in the CDK app', () => {
  describe('the state machines', () => {
    it.each(Object.values(BILLING_WORKFLOWS).map((spec) => [spec.name, spec.file]))('deploys %s exactly as the exported %s, every billing placeholder given a value', (name, file) => {
      const machine = machineProperties(name);
      expect(machine.DefinitionString).toBe(fs.readFileSync(path.join(__dirname, '../../workflows', file), 'utf8'));
      expect(Object.keys(machine.DefinitionSubstitutions as Record<string, Json>).sort()).toEqual(Object.keys(BILLING_PLACEHOLDERS).sort());
      expect(machine.LoggingConfiguration).toEqual({ Level: 'ALL', IncludeExecutionData: false, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: expect.any(Object) } }] });
      expect(machine.TracingConfiguration).toEqual({ Enabled: true });
    });

    it("fills BillingCycleWorkflow's placeholders: the billing schema, the billing writer, its failures queue, the billing functions by name and EmissionWorkflow", () => {
      const substitutions = machineProperties('BillingCycleWorkflow').DefinitionSubstitutions as Record<string, Json>;
      expect(substitutions.BillingSchema).toBe('billing');
      expect(substitutions.DbName).toBe('nfse');
      expect(exportedValue(data, substitutions.DbSecretArn)).toEqual({ Ref: logicalId(stacks.data.billingWriterSecret) });
      expect(exportedValue(messaging, substitutions.BillingFailuresQueueUrl)).toEqual({ Ref: logicalId(stacks.messaging.billingFailuresQueue) });
      expect(substitutions.BillingUsageFunctionArn).toEqual(functionArn('nfse-dev-billing-usage'));
      expect(substitutions.BillingErpFunctionArn).toEqual(functionArn('nfse-dev-billing-erp'));
      expect(substitutions.BillingInvoiceFunctionArn).toEqual(functionArn('nfse-dev-billing-invoice'));
      expect(substitutions.EmissionStateMachineArn).toEqual(arnJoin('states', ':stateMachine:nfse-dev-EmissionWorkflow'));
    });

    it('lets BillingCycleWorkflow call its three functions, Aurora as the billing writer, its queue, describe its own runs, and start and wait for EmissionWorkflow (the .sync permissions), nothing else', () => {
      const cluster = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':rds:sa-east-1:', { Ref: 'AWS::AccountId' }, ':cluster:', expect.any(Object)]] };
      const statements = ownStatements(workflows, logicalId(stacks.workflows.workflows.billingCycle.role));
      expect(statements).toEqual([
        { Action: 'lambda:InvokeFunction', Resource: [functionArn('nfse-dev-billing-erp'), functionArn('nfse-dev-billing-invoice'), functionArn('nfse-dev-billing-usage')] },
        { Action: 'rds-data:ExecuteStatement', Resource: cluster },
        { Action: 'secretsmanager:GetSecretValue', Resource: expect.any(Object) },
        // Its own runs: whether the run holding the month still runs (DescribeHolder).
        { Action: 'states:DescribeExecution', Resource: [arnJoin('states', ':execution:nfse-dev-BillingCycleWorkflow:*'), arnJoin('states', ':execution:nfse-dev-EmissionWorkflow:*')] },
        { Action: 'states:StartExecution', Resource: arnJoin('states', ':stateMachine:nfse-dev-EmissionWorkflow') },
        { Action: 'states:StopExecution', Resource: arnJoin('states', ':execution:nfse-dev-EmissionWorkflow:*') },
        { Action: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'], Resource: arnJoin('events', ':rule/StepFunctionsGetEventsForStepFunctionsExecutionRule') },
        { Action: 'sqs:SendMessage', Resource: expect.any(Object) },
      ]);
      expect(exportedValue(data, statements[2]?.Resource ?? null)).toEqual({ Ref: logicalId(stacks.data.billingWriterSecret) });
      expect(exportedValue(messaging, statements[7]?.Resource ?? null)).toEqual({ 'Fn::GetAtt': [logicalId(stacks.messaging.billingFailuresQueue), 'Arn'] });
    });

    it('lets CnpjSyncWorkflow invoke the usage and ERP functions only', () => {
      expect(ownStatements(workflows, logicalId(stacks.workflows.workflows.cnpjSync.role))).toEqual([
        { Action: 'lambda:InvokeFunction', Resource: [functionArn('nfse-dev-billing-erp'), functionArn('nfse-dev-billing-usage')] },
      ]);
    });
  });

  describe('the schedules', () => {
    const schedulerRole = logicalId(stacks.workflows.billingSchedules.role);
    const dlq = logicalId(stacks.workflows.billingSchedules.deadLetterQueue);
    const machine = (key: 'billingCycle' | 'cnpjSync'): string => logicalId(stacks.workflows.workflows[key]?.stateMachine as never);

    it.each([
      ['daily', 'billingCycle'],
      ['weekly', 'cnpjSync'],
    ] as const)('starts the %s schedule of contracts/billingSchedules.ts on its state machine, in São Paulo time, no flexible window, with the DLQ', (key, workflow) => {
      const schedule = BILLING_SCHEDULES[key];
      expect(onlyResource(workflows, 'AWS::Scheduler::Schedule', `BillingSchedules${key.charAt(0).toUpperCase()}${key.slice(1)}`).properties).toEqual({
        Name: `nfse-dev-${schedule.suffix}`,
        Description: schedule.description,
        ScheduleExpression: schedule.expression,
        ScheduleExpressionTimezone: 'America/Sao_Paulo',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: {
          Arn: { Ref: machine(workflow) },
          RoleArn: { 'Fn::GetAtt': [schedulerRole, 'Arn'] },
          Input: JSON.stringify(schedule.input),
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
          RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 },
        },
      });
    });

    it('runs them as a role of this account’s Scheduler that may start the two billing machines and send to its DLQ, and nothing else', () => {
      const role = onlyResource(workflows, 'AWS::IAM::Role', 'BillingSchedulesRole').properties;
      expect(role.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }],
      });
      expect(statementsOfRole(workflows, schedulerRole)).toEqual([
        { Action: 'states:StartExecution', Effect: 'Allow', Resource: [{ Ref: machine('billingCycle') }, { Ref: machine('cnpjSync') }] },
        { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [dlq, 'Arn'] } },
      ]);
      expect(role.ManagedPolicyArns).toBeUndefined();
    });

    it('alarms when a schedule could not start its machine', () => {
      const alarm = Object.values(resourcesOf(observability, 'AWS::CloudWatch::Alarm')).find((candidate) => String(candidate.Properties.AlarmDescription).startsWith('A billing schedule could not start'));
      expect(alarm?.Properties).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
      expect(exportedValue(Template.fromStack(stacks.workflows), (alarm?.Properties.Dimensions as Array<{ Value: Json }>)[0]?.Value ?? null)).toEqual({ 'Fn::GetAtt': [dlq, 'QueueName'] });
    });
  });

  describe('BillingFailuresQueue', () => {
    it('keeps failed companies 14 days, encrypted, TLS only, and alarms on the first one', () => {
      const queue = logicalId(stacks.messaging.billingFailuresQueue);
      expect(onlyResource(messaging, 'AWS::SQS::Queue', 'BillingFailuresQueue').properties).toEqual({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600, Tags: expect.any(Array) });
      const alarm = onlyResource(messaging, 'AWS::CloudWatch::Alarm', 'BillingFailuresDepthAlarm').properties;
      expect(alarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1, EvaluationPeriods: 1, AlarmActions: [{ Ref: logicalId(stacks.messaging.alarmsTopic) }] });
      expect(alarm.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }]);
    });
  });

  describe('the billing functions', () => {
    const secret = logicalId(stacks.compute.node.findChild('BillingIntegrationsSecret'));
    const environment = (prefix: string): Record<string, Json> => (onlyResource(compute, 'AWS::Lambda::Function', prefix).properties.Environment as { Variables: Record<string, Json> }).Variables;

    it('names the functions the workflows invoke after the stage', () => {
      expect(['BillingUsageTask', 'BillingErpTask', 'BillingInvoiceTask'].map((prefix) => onlyResource(compute, 'AWS::Lambda::Function', prefix).properties.FunctionName)).toEqual([
        'nfse-dev-billing-usage',
        'nfse-dev-billing-erp',
        'nfse-dev-billing-invoice',
      ]);
    });

    it('creates the integrations secret under the stage, empty until ops put the credentials', () => {
      expect(onlyResource(compute, 'AWS::SecretsManager::Secret', 'BillingIntegrationsSecret').properties).toMatchObject({ Name: 'nfse-dev/billing/integrations', SecretString: '{}' });
    });

    it.each(['BillingUsageTask', 'BillingErpTask'])('gives %s the base URLs and the integrations secret, readable by it and nothing else', (prefix) => {
      expect(environment(prefix)).toMatchObject({ BILLING_SECRET_ARN: { Ref: secret }, USAGE_API_URL: 'https://usage.example.com', ERP_API_URL: 'https://app.omie.com.br' });
      expect(ownStatements(compute, roleOfFunction(prefix))).toEqual([{ Action: 'secretsmanager:GetSecretValue', Resource: { Ref: secret } }]);
    });

    it('lets the invoice function write the invoice, its RPS counter and XML, read the companies, and name EmissionWorkflow without starting it', () => {
      const env = environment('BillingInvoiceTask');
      expect(Object.keys(env).filter((name) => !name.startsWith('POWERTOOLS_') && name !== 'NODE_OPTIONS').sort()).toEqual(['BILLING_ISSUER_CNPJ', 'COMPANIES_TABLE', 'DOCS_BUCKET', 'EMISSION_STATE_MACHINE_ARN', 'INVOICES_TABLE']);
      expect(env.BILLING_ISSUER_CNPJ).toBe('11222333000181');
      const actions = ownStatements(compute, roleOfFunction('BillingInvoiceTask')).flatMap((statement) => statement.Action);
      expect(actions).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem', 's3:PutObject', 'kms:GenerateDataKey']);
    });

    it('lets the /billing/runs function start BillingCycleWorkflow, read its executions, read billing.consolidations as the billing reader and call the usage platform', () => {
      const env = environment('BillingTask');
      expect(env).toMatchObject({ BILLING_SCHEMA: 'billing', DB_NAME: 'nfse', BILLING_SECRET_ARN: { Ref: secret } });
      expect(exportedValue(data, env.DB_SECRET_ARN ?? null)).toEqual({ Ref: logicalId(stacks.data.billingReaderSecret) });
      expect(exportedValue(workflows, env.BILLING_STATE_MACHINE_ARN ?? null)).toEqual({ Ref: logicalId(stacks.workflows.workflows.billingCycle?.stateMachine as never) });
      const role = roleOfFunction('BillingTask');
      expect(ownStatements(compute, role).flatMap((statement) => statement.Action).sort()).toEqual([
        'dynamodb:GetItem',
        'rds-data:ExecuteStatement',
        'secretsmanager:GetSecretValue',
        'states:DescribeExecution',
        'states:ListExecutions',
        'states:StartExecution',
      ]);
      const secrets = resourcesForAction(compute, role, 'secretsmanager:GetSecretValue');
      expect(secrets).toEqual([expect.objectContaining({ 'Fn::ImportValue': expect.stringContaining('BillingReaderSecret') }), { Ref: secret }]);
      expect(JSON.stringify(resourcesForAction(compute, role, 'states:DescribeExecution'))).toContain(':execution:nfse-dev-BillingCycleWorkflow:*');
    });

    it('lets the ops function read and list the billing runs’ executions as GET /executions shows them, and do nothing else to them', () => {
      const role = roleOfFunction('OpsTask');
      const billingExecutions = ['BillingCycleWorkflow', 'CnpjSyncWorkflow'].map((name) => arnJoin('states', `:execution:nfse-dev-${name}:*`));
      // CDK merges the two machines' statements, which have the same actions, into one (with the order saga's, which the ops function reads the same way).
      const onBilling = ownStatements(compute, role).filter((statement) => billingExecutions.some((arn) => JSON.stringify(statement.Resource).includes(JSON.stringify(arn))));
      expect(onBilling).toEqual([{ Action: ['states:DescribeExecution', 'states:DescribeStateMachineForExecution', 'states:GetExecutionHistory'], Resource: [...billingExecutions, arnJoin('states', ':execution:nfse-dev-OrderSagaWorkflow:*')] }]);
      // And lists them (GET /executions?workflow=billingCycle), on the machines themselves.
      expect(JSON.stringify(resourcesForAction(compute, role, 'states:ListExecutions'))).toContain('BillingCycleWorkflow');
      const env = environment('OpsTask');
      expect(exportedValue(workflows, env.BILLING_STATE_MACHINE_ARN ?? null)).toEqual({ Ref: logicalId(stacks.workflows.workflows.billingCycle?.stateMachine as never) });
      expect(exportedValue(workflows, env.CNPJ_SYNC_STATE_MACHINE_ARN ?? null)).toEqual({ Ref: logicalId(stacks.workflows.workflows.cnpjSync?.stateMachine as never) });
    });

    it('gives no other function the integrations secret or the billing users', () => {
      const billingSecrets = [`"Ref":"${secret}"`, 'BillingWriterSecret', 'BillingReaderSecret'];
      const readers = Object.entries(resourcesOf(compute, 'AWS::IAM::Policy'))
        .filter(([, policy]) => billingSecrets.some((name) => JSON.stringify(policy.Properties.PolicyDocument).includes(name)))
        .map(([id]) => id.replace(/Function.*$/, ''));
      expect(readers.sort()).toEqual(['BillingErpTask', 'BillingTask', 'BillingUsageTask']);
    });
  });

  describe('the billing schema in Aurora', () => {
    // Their secrets' rotation is checked with the other database users' (networkAndDataStacks.test.ts).
    it('creates the billing tables and its two users, with grants on them only', () => {
      const migration = Object.values(resourcesOf(data, 'Custom::NfseSchemaMigration'))[0]?.Properties;
      expect(migration?.Roles).toEqual(expect.arrayContaining(['nfse_billing_writer', 'nfse_billing_reader']));
      const statements = migration?.Statements as string[];
      const billing = [...splitSqlStatements(BILLING_SCHEMA_SQL), ...splitSqlStatements(BILLING_GRANTS_SQL)];
      // Together and in order (the orders' grants may follow them).
      const first = statements.indexOf(billing[0] ?? '');
      expect(statements.slice(first, first + billing.length)).toEqual(billing);
      expect(statements.filter((sql) => sql.startsWith('GRANT') && sql.includes('nfse_billing_'))).toEqual([
        'GRANT USAGE ON SCHEMA billing TO nfse_billing_writer, nfse_billing_reader',
        'GRANT SELECT, INSERT, UPDATE ON billing.usage, billing.consolidations, billing.runs TO nfse_billing_writer',
        'GRANT SELECT ON billing.consolidations TO nfse_billing_reader',
      ]);
    });
  });

  describe('the dashboard', () => {
    it('shows the billing runs, the companies failed, what waits for ops and the billing functions’ errors', () => {
      const dashboard = onlyResource(observability, 'AWS::CloudWatch::Dashboard').properties;
      const body = JSON.stringify(dashboard.DashboardBody);
      for (const title of ['Billing runs', 'Billing companies failed', 'Billing: waiting for ops', 'Billing functions: errors']) expect(body).toContain(`\\"title\\":\\"${title}\\"`);
      expect(body).toContain('\\"NumberOfMessagesSent\\"');
      expect(body).toContain('billingCycle started');
    });
  });
});
