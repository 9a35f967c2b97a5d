import { Template } from 'aws-cdk-lib/assertions';
import { buildTestApp } from './helpers/buildTestApp';
import { actionsOfRole, actionsOnExported, exportedValue, logicalId, onlyResource, resourcesForAction, resourcesOf, statementsOfRole, type Json } from './helpers/templateQueries';
import { DEPLOYED_TASKS } from '../../infra/lib/tasks/taskCatalog';

const { stacks } = buildTestApp();
const compute = Template.fromStack(stacks.compute);
const data = Template.fromStack(stacks.data);
const messaging = Template.fromStack(stacks.messaging);
const workflows = Template.fromStack(stacks.workflows);

const roleOf = (task: keyof typeof stacks.compute.functions): string => {
  const fn = stacks.compute.functions[task];
  if (fn === undefined) throw new Error(`task ${task} is not deployed`);
  return logicalId(fn.role ?? fn);
};
const roleFunction = (task: keyof typeof stacks.compute.functions): string => {
  const fn = stacks.compute.functions[task];
  if (fn === undefined) throw new Error(`task ${task} is not deployed`);
  return logicalId(fn);
};
const functionProps = (task: keyof typeof stacks.compute.functions): Record<string, Json> => {
  const fn = stacks.compute.functions[task];
  if (fn === undefined) throw new Error(`task ${task} is not deployed`);
  return resourcesOf(compute, 'AWS::Lambda::Function')[logicalId(fn)].Properties;
};
const docsObjects = (prefix: string): Json => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::nfse-dev-docs-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }, `/${prefix}*`]] });

/** Every company certificate secret of the dev stage, as policies name it. */
const certificateSecrets: Json = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':secret:nfse-dev/companies/*/certificate-??????']] };
/** The certificates' KMS key as the Compute stack imports it from the Data stack. */
const certificatesKey: Json = (() => {
  const outputs = data.toJSON().Outputs as Record<string, { Value: Json; Export?: { Name: string } }>;
  const exported = Object.values(outputs).find((output) => JSON.stringify(output.Value) === JSON.stringify({ 'Fn::GetAtt': [logicalId(stacks.data.certificatesKey), 'Arn'] }) && output.Export !== undefined);
  return { 'Fn::ImportValue': exported?.Export?.Name ?? 'the Data stack exports no certificates key' };
})();
/** The certificates' key only through Secrets Manager, and only for those secrets. */
const certificateKeyCondition: Json = {
  StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
  StringLike: { 'kms:EncryptionContext:SecretARN': certificateSecrets },
};

/** What an imported value points at in the Data stack, or the value itself when it is not an import. */
const exportedValueOrSelf = (value: Json): Json => (typeof value === 'object' && value !== null && 'Fn::ImportValue' in value ? exportedValue(data, value) : value);

describe('ComputeStack functions', () => {
  it('deploys one function per deployed task', () => {
    expect(Object.keys(stacks.compute.functions).sort()).toEqual([...DEPLOYED_TASKS].sort());
  });

  it.each([...DEPLOYED_TASKS])('runs %s on Node 24, ARM64, X-Ray, in the private subnets with the Powertools environment', (task) => {
    const props = functionProps(task);
    expect(props).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, Handler: 'index.handler' });
    expect((props.Environment as { Variables: Record<string, Json> }).Variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: `nfse-${task}`,
      POWERTOOLS_METRICS_NAMESPACE: 'NfseFlow',
      POWERTOOLS_LOGGER_LOG_EVENT: 'false',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(JSON.stringify((props.VpcConfig as { SubnetIds: Json }).SubnetIds)).toMatch(/computeSubnet/);
  });

  it('gives emit exactly its tables, the RPS prefix, StartExecution on EmissionWorkflow only and SendMessage on StartQueue only', () => {
    const role = roleOf('emit');
    const arnOf = (table: { node: unknown }): Json => ({ 'Fn::GetAtt': [logicalId(table as never), 'Arn'] });
    expect([...new Set(actionsOfRole(compute, role))]).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'kms:GenerateDataKey', 's3:PutObject', 'sqs:SendMessage', 'states:StartExecution', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(resourcesForAction(compute, role, 'sqs:SendMessage').map((queue) => exportedValue(messaging, queue))).toEqual([{ 'Fn::GetAtt': [logicalId(stacks.messaging.startQueue), 'Arn'] }]);
    expect(actionsOnExported(compute, role, data, arnOf(stacks.data.invoicesTable))).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(actionsOnExported(compute, role, data, arnOf(stacks.data.requestsTable))).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(actionsOnExported(compute, role, data, arnOf(stacks.data.tenantsTable))).toEqual(['dynamodb:GetItem']);
    expect(resourcesForAction(compute, role, 's3:PutObject')).toEqual([docsObjects('xml/')]);
    const [machine] = resourcesForAction(compute, role, 'states:StartExecution');
    expect(exportedValue(workflows, machine)).toEqual({ Ref: logicalId(stacks.workflows.stateMachines.emission) });
  });

  it('lets ops correct and re-emit (a new RPS XML under xml/, the company read) and send a refused cancellation again', () => {
    const role = roleOf('ops');
    const arnOf = (table: { node: unknown }): Json => ({ 'Fn::GetAtt': [logicalId(table as never), 'Arn'] });
    expect(resourcesForAction(compute, role, 's3:PutObject')).toEqual([docsObjects('xml/')]);
    expect(actionsOnExported(compute, role, data, arnOf(stacks.data.companiesTable))).toEqual(['dynamodb:GetItem']);
    expect(resourcesForAction(compute, role, 'states:StartExecution').map((machine) => exportedValue(workflows, machine))).toEqual(
      expect.arrayContaining([{ Ref: logicalId(stacks.workflows.stateMachines.emission) }, { Ref: logicalId(stacks.workflows.stateMachines.cancellation) }]),
    );
    expect(resourcesForAction(compute, role, 'states:StartExecution')).toHaveLength(2);
    expect(Object.keys((functionProps('ops').Environment as { Variables: Record<string, Json> }).Variables)).toEqual(expect.arrayContaining(['COMPANIES_TABLE', 'DOCS_BUCKET', 'CANCELLATION_STATE_MACHINE_ARN']));
  });

  it('lets get read but never write', () => {
    const actions = actionsOfRole(compute, roleOf('get'));
    expect(actions.filter((action) => !action.startsWith('xray:') && /Put|Update|Delete|StartExecution/.test(action))).toEqual([]);
    expect(resourcesForAction(compute, roleOf('get'), 's3:GetObject')).toEqual([docsObjects('nfse/'), docsObjects('xml/')]);
  });

  it('hands the functions only the env vars their access names', () => {
    expect(Object.keys((functionProps('emit').Environment as { Variables: Record<string, Json> }).Variables).filter((name) => !name.startsWith('POWERTOOLS') && name !== 'NODE_OPTIONS').sort()).toEqual([
      'COMPANIES_TABLE',
      'CORS_ALLOWED_ORIGINS',
      'DOCS_BUCKET',
      'EMISSION_STATE_MACHINE_ARN',
      'INVOICES_TABLE',
      'REQUESTS_TABLE',
      'START_QUEUE_URL',
      'SUBSTITUTION_STATE_MACHINE_ARN',
      'TENANTS_TABLE',
    ]);
    expect(Object.keys((functionProps('ping').Environment as { Variables: Record<string, Json> }).Variables).filter((name) => !name.startsWith('POWERTOOLS') && name !== 'NODE_OPTIONS')).toEqual(['CORS_ALLOWED_ORIGINS']);
    expect(Object.keys((functionProps('sweeper').Environment as { Variables: Record<string, Json> }).Variables)).not.toContain('CORS_ALLOWED_ORIGINS');
  });

  it('gives the paginating functions the page-token key from a generated secret, by dynamic reference', () => {
    const secret = onlyResource(compute, 'AWS::SecretsManager::Secret', 'PageTokenKey');
    const keyOf = (task: 'list' | 'ops' | 'emit'): Json | undefined => (functionProps(task).Environment as { Variables: Record<string, Json> }).Variables.PAGE_TOKEN_KEY;

    expect(secret.properties.GenerateSecretString).toEqual({ PasswordLength: 64, ExcludePunctuation: true });
    for (const task of ['list', 'ops'] as const) {
      expect(keyOf(task)).toEqual({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secret.id }, ':SecretString:::}}']] });
    }
    expect(keyOf('emit')).toBeUndefined();
  });

  it('lets the report read Aurora as the report reader only: its secret in DB_SECRET_ARN and GetSecretValue on it alone', () => {
    const reader = { Ref: logicalId(stacks.data.reportReaderSecret) };
    const env = (functionProps('report').Environment as { Variables: Record<string, Json> }).Variables;
    expect(exportedValue(data, env.DB_SECRET_ARN)).toEqual(reader);
    expect(resourcesForAction(compute, roleOf('report'), 'secretsmanager:GetSecretValue').map((secret) => exportedValue(data, secret))).toEqual([reader]);
    expect(actionsOfRole(compute, roleOf('report')).filter((action) => action.startsWith('secretsmanager:'))).toEqual(['secretsmanager:GetSecretValue']);
  });

  it('gives no function the master secret of the cluster', () => {
    const master = JSON.stringify(exportedValueOrSelf({ Ref: logicalId(stacks.data.dbSecret) }));
    for (const task of DEPLOYED_TASKS) {
      const secrets = resourcesForAction(compute, roleOf(task), 'secretsmanager:GetSecretValue').map((secret) => JSON.stringify(exportedValueOrSelf(secret)));
      expect(secrets).not.toContain(master);
    }
  });

  it('allows the console origin for CORS in the API functions', () => {
    const cors = (functionProps('get').Environment as { Variables: Record<string, Json> }).Variables.CORS_ALLOWED_ORIGINS;
    expect(JSON.stringify(cors)).toMatch(/https:\/\/.*Nfse-dev-Web:ExportsOutputFnGetAttDistribution/);
  });

  it('consumes RequestsDLQ with the processor, reporting batch item failures', () => {
    compute.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stacks.compute.functions.processor ?? stacks.compute) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
    });
    const source = Object.values(resourcesOf(compute, 'AWS::Lambda::EventSourceMapping')).find((mapping) => JSON.stringify(mapping.Properties.FunctionName) === JSON.stringify({ Ref: roleFunction('processor') }))?.Properties.EventSourceArn;
    expect(exportedValue(messaging, source ?? null)).toEqual({ 'Fn::GetAtt': [logicalId(stacks.messaging.requestsDlq), 'Arn'] });
    expect(actionsOfRole(compute, roleOf('processor')).filter((action) => action.startsWith('states:'))).toEqual(['states:SendTaskFailure']);
  });

  it('lets the companies API create and put certificate secrets, never read them, with their own key through Secrets Manager only', () => {
    const role = roleOf('companies');
    const env = (functionProps('companies').Environment as { Variables: Record<string, Json> }).Variables;

    expect(actionsOfRole(compute, role).filter((action) => action.startsWith('secretsmanager:') || action.startsWith('kms:'))).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'secretsmanager:CreateSecret',
      'secretsmanager:DescribeSecret',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ]);
    for (const action of ['CreateSecret', 'PutSecretValue', 'DescribeSecret', 'UpdateSecretVersionStage']) expect(resourcesForAction(compute, role, `secretsmanager:${action}`)).toEqual([certificateSecrets]);
    expect(statementsOfRole(compute, role).filter((statement) => JSON.stringify(statement.Resource) === JSON.stringify(certificatesKey))).toEqual([
      { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Effect: 'Allow', Resource: certificatesKey, Condition: certificateKeyCondition },
    ]);
    expect(env.CERTIFICATE_SECRET_PREFIX).toBe('nfse-dev');
    expect(exportedValue(data, env.CERTIFICATE_KMS_KEY_ID)).toEqual({ 'Fn::GetAtt': [logicalId(stacks.data.certificatesKey), 'Arn'] });
  });

  it('gives no other function the certificate secrets or their key', () => {
    const others = DEPLOYED_TASKS.filter((task) => task !== 'companies');
    const touching = others.filter((task) =>
      statementsOfRole(compute, roleOf(task)).some((statement) => [certificateSecrets, certificatesKey].some((resource) => JSON.stringify(statement.Resource).includes(JSON.stringify(resource)))),
    );

    expect(touching).toEqual([]);
  });

  it('runs the certificate expiry check daily: the companies table and the event bus, nothing else', () => {
    const role = roleOf('certificates');
    const env = (functionProps('certificates').Environment as { Variables: Record<string, Json> }).Variables;

    compute.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 day)', Targets: [{ Arn: { 'Fn::GetAtt': [logicalId(stacks.compute.functions.certificates ?? stacks.compute), 'Arn'] }, Id: 'Target0' }] });
    expect(actionsOfRole(compute, role).filter((action) => !action.startsWith('xray:'))).toEqual(['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:UpdateItem', 'events:PutEvents']);
    expect(actionsOnExported(compute, role, data, { 'Fn::GetAtt': [logicalId(stacks.data.companiesTable), 'Arn'] })).toEqual(['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:UpdateItem']);
    expect(resourcesForAction(compute, role, 'events:PutEvents').map((bus) => exportedValue(messaging, bus))).toEqual([{ 'Fn::GetAtt': [logicalId(stacks.messaging.eventBus), 'Arn'] }]);
    expect(Object.keys(env).filter((name) => !name.startsWith('POWERTOOLS') && name !== 'NODE_OPTIONS').sort()).toEqual(['COMPANIES_TABLE', 'EVENT_BUS_NAME']);
  });

  it("lets the api-keys API manage API keys and read usage on API Gateway's key and usage-plan paths only, and no other function", () => {
    const role = roleOf('apikeys');
    const env = (functionProps('apikeys').Environment as { Variables: Record<string, Json> }).Variables;
    const path = (resource: string): Json => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:apigateway:sa-east-1::${resource}`]] });

    expect(actionsOfRole(compute, role).filter((action) => !action.startsWith('xray:'))).toEqual(['apigateway:DELETE', 'apigateway:GET', 'apigateway:POST', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect(resourcesForAction(compute, role, 'apigateway:GET')).toEqual(['/apikeys', '/apikeys/*', '/usageplans', '/usageplans/*/usage'].map(path));
    expect(resourcesForAction(compute, role, 'apigateway:POST')).toEqual(['/apikeys', '/tags/*', '/usageplans/*/keys'].map(path));
    expect(resourcesForAction(compute, role, 'apigateway:DELETE')).toEqual(['/apikeys/*'].map(path));
    expect(Object.keys(env).filter((name) => !name.startsWith('POWERTOOLS') && name !== 'NODE_OPTIONS').sort()).toEqual(['CORS_ALLOWED_ORIGINS', 'INVOICES_TABLE', 'TENANTS_TABLE', 'USAGE_PLAN_PREFIX']);
    expect(env.USAGE_PLAN_PREFIX).toBe('nfse-dev');
    expect(DEPLOYED_TASKS.filter((task) => task !== 'apikeys' && actionsOfRole(compute, roleOf(task)).some((action) => action.startsWith('apigateway:')))).toEqual([]);
  });

  it('drains StartQueue with the starter: two at a time at most, reporting batch item failures, allowed StartExecution on EmissionWorkflow and OrderSagaWorkflow only, and to send a start throttled again back to StartQueue', () => {
    const mapping = Object.values(resourcesOf(compute, 'AWS::Lambda::EventSourceMapping')).find((m) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: roleFunction('starter') }));
    expect(mapping?.Properties).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 2 } });
    expect(exportedValue(messaging, mapping?.Properties.EventSourceArn ?? null)).toEqual({ 'Fn::GetAtt': [logicalId(stacks.messaging.startQueue), 'Arn'] });
    const role = roleOf('starter');
    expect(actionsOfRole(compute, role).filter((action) => action.startsWith('states:'))).toEqual(['states:StartExecution']);
    const machines = resourcesForAction(compute, role, 'states:StartExecution').map((machine) => exportedValue(workflows, machine));
    expect(machines).toEqual([{ Ref: logicalId(stacks.workflows.stateMachines.emission) }, { Ref: logicalId(stacks.workflows.stateMachines.orderSaga as never) }]);
    expect(Object.keys((functionProps('starter').Environment as { Variables: Record<string, Json> }).Variables).filter((name) => name.endsWith('_STATE_MACHINE_ARN')).sort()).toEqual(['EMISSION_STATE_MACHINE_ARN', 'ORDER_SAGA_STATE_MACHINE_ARN']);
    expect(functionProps('starter')).toMatchObject({ Timeout: 10 });
    expect(resourcesForAction(compute, role, 'sqs:SendMessage').map((queue) => exportedValue(messaging, queue))).toEqual([{ 'Fn::GetAtt': [logicalId(stacks.messaging.startQueue), 'Arn'] }]);
    expect(Object.keys((functionProps('starter').Environment as { Variables: Record<string, Json> }).Variables)).toContain('START_QUEUE_URL');
  });

  it('runs the sweeper every 5 minutes', () => {
    compute.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)', Targets: [{ Arn: { 'Fn::GetAtt': [logicalId(stacks.compute.functions.sweeper ?? stacks.compute), 'Arn'] }, Id: 'Target0' }] });
  });
});

describe('ComputeStack adapter', () => {
  const taskRole = logicalId(stacks.compute.adapter.taskRole);

  it('runs the adapter on Fargate ARM64 in the private subnets without a public IP', () => {
    const service = onlyResource(compute, 'AWS::ECS::Service').properties;
    expect(service).toMatchObject({ LaunchType: 'FARGATE', DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true }, MinimumHealthyPercent: 100 } });
    const network = (service.NetworkConfiguration as { AwsvpcConfiguration: Record<string, Json> }).AwsvpcConfiguration;
    expect(network.AssignPublicIp).toBe('DISABLED');
    expect(JSON.stringify(network.Subnets)).toMatch(/computeSubnet/);
    const task = onlyResource(compute, 'AWS::ECS::TaskDefinition').properties;
    expect(task).toMatchObject({ RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' }, RequiresCompatibilities: ['FARGATE'], Cpu: '512', Memory: '1024' });
    const [container] = task.ContainerDefinitions as Array<Record<string, Json>>;
    expect(container.StopTimeout).toBe(45);
    expect((container.Environment as Array<{ Name: string }>).map((variable) => variable.Name).sort()).toEqual([
      'ADAPTER_HEARTBEAT_SECONDS',
      'ADAPTER_SHUTDOWN_GRACE_SECONDS',
      'ADAPTER_VISIBILITY_TIMEOUT_SECONDS',
      'AWS_XRAY_DAEMON_ADDRESS',
      'CERTIFICATE_SECRET_PREFIX',
      'CITY_LIMITS_TABLE',
      'COMPANIES_TABLE',
      'DOCS_BUCKET',
      'LOG_LEVEL',
      'REQUESTS_QUEUE_URL',
    ]);
  });

  it('builds the image from adapter-container/Dockerfile as a deploy-time asset', () => {
    const task = onlyResource(compute, 'AWS::ECS::TaskDefinition').properties;
    const [container] = task.ContainerDefinitions as Array<Record<string, Json>>;
    expect(JSON.stringify(container.Image)).toMatch(/cdk-hnb659fds-container-assets-.*:[0-9a-f]{64}/);
  });

  it('reads the companies’ certificates: GetSecretValue on the stage’s certificate secrets and their key, through Secrets Manager only', () => {
    const [container] = onlyResource(compute, 'AWS::ECS::TaskDefinition').properties.ContainerDefinitions as Array<{ Environment: Array<{ Name: string; Value: Json }> }>;

    expect(resourcesForAction(compute, taskRole, 'secretsmanager:GetSecretValue')).toEqual([certificateSecrets]);
    expect(statementsOfRole(compute, taskRole).filter((statement) => JSON.stringify(statement.Resource) === JSON.stringify(certificatesKey))).toEqual([
      { Action: 'kms:Decrypt', Effect: 'Allow', Resource: certificatesKey, Condition: certificateKeyCondition },
    ]);
    expect(container?.Environment.find((variable) => variable.Name === 'CERTIFICATE_SECRET_PREFIX')?.Value).toBe('nfse-dev');
  });

  it('limits the task role to its queue, task tokens, documents, certificate, the city limits, reading a company and its traces', () => {
    expect(actionsOfRole(compute, taskRole)).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      // Documents' key, then the certificates' (through Secrets Manager only: above).
      'kms:Decrypt',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      's3:GetObject',
      's3:PutObject',
      's3:PutObject',
      'secretsmanager:GetSecretValue',
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:ReceiveMessage',
      'states:SendTaskFailure',
      'states:SendTaskHeartbeat',
      'states:SendTaskSuccess',
      // The X-Ray daemon sidecar's (tests/infra/tracing.test.ts).
      'xray:GetSamplingRules',
      'xray:GetSamplingStatisticSummaries',
      'xray:GetSamplingTargets',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    const [queue] = resourcesForAction(compute, taskRole, 'sqs:ReceiveMessage');
    expect(exportedValue(messaging, queue)).toEqual({ 'Fn::GetAtt': [logicalId(stacks.messaging.requestsQueue), 'Arn'] });
    // nfse/*: the city's NFS-e; xml/*: the signed RPS it sends, in place of the unsigned one.
    expect(resourcesForAction(compute, taskRole, 's3:PutObject')).toEqual([docsObjects('nfse/'), docsObjects('xml/')]);
    expect(resourcesForAction(compute, taskRole, 's3:GetObject')).toEqual([docsObjects('xml/')]);
    expect(resourcesForAction(compute, taskRole, 'states:SendTaskSuccess')).toEqual(['*']);
  });

  it('cannot start executions, and touches no table but the city limits and one company at a time (the PDF’s prestador), named in its environment', () => {
    const actions = actionsOfRole(compute, taskRole);
    expect(actions).not.toContain('states:StartExecution');
    const cityLimits: Json = { 'Fn::GetAtt': [logicalId(stacks.data.cityLimitsTable), 'Arn'] };
    for (const table of [stacks.data.invoicesTable, stacks.data.requestsTable, stacks.data.tenantsTable]) {
      expect(actionsOnExported(compute, taskRole, data, { 'Fn::GetAtt': [logicalId(table), 'Arn'] })).toEqual([]);
    }
    expect(actionsOnExported(compute, taskRole, data, cityLimits)).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    const task = onlyResource(compute, 'AWS::ECS::TaskDefinition').properties;
    const [container] = task.ContainerDefinitions as Array<{ Environment: Array<{ Name: string; Value: Json }> }>;
    const tableName = container?.Environment.find((variable) => variable.Name === 'CITY_LIMITS_TABLE')?.Value ?? null;
    expect(exportedValue(data, tableName)).toEqual({ Ref: logicalId(stacks.data.cityLimitsTable) });
    expect(actionsOnExported(compute, taskRole, data, { 'Fn::GetAtt': [logicalId(stacks.data.companiesTable), 'Arn'] })).toEqual(['dynamodb:GetItem']);
    const companiesName = container?.Environment.find((variable) => variable.Name === 'COMPANIES_TABLE')?.Value ?? null;
    expect(exportedValue(data, companiesName)).toEqual({ Ref: logicalId(stacks.data.companiesTable) });
  });

  it('allows only HTTPS out of the adapter', () => {
    const group = resourcesOf(compute, 'AWS::EC2::SecurityGroup')[logicalId(stacks.compute.adapter.securityGroup)].Properties;
    expect(group.SecurityGroupEgress).toEqual([{ CidrIp: '0.0.0.0/0', Description: 'cities and AWS endpoints on 443', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 }]);
  });

  it('scales on the queue backlog per running task', () => {
    compute.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 1, MaxCapacity: 10, ScalableDimension: 'ecs:service:DesiredCount', ServiceNamespace: 'ecs' });
    const policy = onlyResource(compute, 'AWS::ApplicationAutoScaling::ScalingPolicy').properties;
    const config = policy.TargetTrackingScalingPolicyConfiguration as { TargetValue: number; CustomizedMetricSpecification: { Metrics: Array<Record<string, Json>> } };
    expect(config.TargetValue).toBe(50);
    expect(config.CustomizedMetricSpecification.Metrics.map((metric) => metric.Id)).toEqual(['visible', 'running', 'backlogPerTask']);
    expect(config.CustomizedMetricSpecification.Metrics[2]).toMatchObject({ Expression: 'visible / IF(running < 1, 1, running)', ReturnData: true });
  });

  it('counts adapter errors per municipality from its logs', () => {
    compute.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.msg = "answered SendTaskFailure" }',
      MetricTransformations: [{ MetricNamespace: 'NfseFlow', MetricName: 'AdapterErrors', MetricValue: '1', Dimensions: [{ Key: 'municipalityCode', Value: '$.municipalityCode' }] }],
    });
  });
});
