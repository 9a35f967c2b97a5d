import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { ORDER_PLACEHOLDERS } from '../../contracts/wiring';
import { ORDERS_GRANTS_SQL } from '../../contracts/ordersGrantsSql';
import { splitSqlStatements } from '../../contracts/invoicesSchemaSql';
import { buildTestApp } from './helpers/buildTestApp';
import { actionsOfRole, exportedValue, logicalId, onlyResource, resourcesForAction, resourcesOf, statementsOfRole, type Json } from './helpers/templateQueries';

const { stacks } = buildTestApp();
const workflows = Template.fromStack(stacks.workflows);
const compute = Template.fromStack(stacks.compute);
const data = Template.fromStack(stacks.data);
const messaging = Template.fromStack(stacks.messaging);

/** `arn:{partition}:{service}:{region}:{account}:{rest}` as CloudFormation renders a name-built ARN here. */
const arn = (service: string, rest: string): Json => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:sa-east-1:`, { Ref: 'AWS::AccountId' }, `:${rest}`]] });
/** A function's ARN from its fixed name (`functionArnOf`: pseudo parameters for the region too). */
const functionArn = (name: string): Json => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lambda:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:function:${name}`]] });

describe('OrderSagaWorkflow in the CDK app', () => {
  const saga = stacks.workflows.workflows.orderSaga;
  if (saga === undefined) throw new Error('OrderSagaWorkflow is not deployed');
  const machine = resourcesOf(workflows, 'AWS::StepFunctions::StateMachine')[logicalId(saga.stateMachine)].Properties;
  const substitutions = machine.DefinitionSubstitutions as Record<string, Json>;
  const role = logicalId(saga.role);

  it('deploys the exported orderSaga.asl.json, every placeholder of it substituted', () => {
    const exported = fs.readFileSync(path.join(__dirname, '../../workflows/orderSaga.asl.json'), 'utf8');
    expect(machine.DefinitionString).toBe(exported);
    expect(Object.keys(substitutions).sort()).toEqual(Object.keys(ORDER_PLACEHOLDERS).sort());
    expect([...new Set(exported.match(/\$\{[A-Za-z]+\}/g))].map((name) => name.slice(2, -1)).sort()).toEqual(Object.keys(ORDER_PLACEHOLDERS).sort());
  });

  it('waits for EmissionWorkflow, invokes the invoice Lambda and nudges the relay by their names, and signs in to Aurora as the saga’s own user', () => {
    expect(substitutions).toEqual({
      EmissionStateMachineArn: arn('states', 'stateMachine:nfse-dev-EmissionWorkflow'),
      OrderInvoiceFunctionArn: functionArn('nfse-dev-order-invoice'),
      OutboxRelayFunctionArn: functionArn('nfse-dev-outbox-relay'),
      DbClusterArn: expect.any(Object),
      DbSecretArn: expect.any(Object),
      DbName: 'nfse',
      // One app per account: the schemas every app of the local cloud has its own copy of are the AWS ones.
      StockSchema: 'estoque',
      OrdersSchema: 'faturamento',
    });
    expect(exportedValue(data, substitutions.DbSecretArn)).toEqual({ Ref: logicalId(stacks.data.orderSagaSecret) });
    // The cluster every workflow uses: only the user differs.
    const emission = resourcesOf(workflows, 'AWS::StepFunctions::StateMachine')[logicalId(stacks.workflows.workflows.emission?.stateMachine as never)].Properties.DefinitionSubstitutions as Record<string, Json>;
    expect(substitutions.DbClusterArn).toEqual(emission.DbClusterArn);
  });

  it('logs ALL without execution data to its own vended log group, and traces with X-Ray', () => {
    expect(machine.LoggingConfiguration).toEqual({ Level: 'ALL', IncludeExecutionData: false, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logicalId(saga.logGroup), 'Arn'] } } }] });
    expect(machine.TracingConfiguration).toEqual({ Enabled: true });
    expect(resourcesOf(workflows, 'AWS::Logs::LogGroup')[logicalId(saga.logGroup)].Properties.LogGroupName).toBe('/aws/vendedlogs/states/nfse-dev-OrderSagaWorkflow');
  });

  it('gives its role exactly what its states call: the .sync:2 permissions AWS documents, two functions, one Data API secret', () => {
    expect(actionsOfRole(workflows, role).filter((action) => !action.startsWith('logs:') && !action.startsWith('xray:'))).toEqual([
      'events:DescribeRule',
      'events:PutRule',
      'events:PutTargets',
      'lambda:InvokeFunction',
      'rds-data:ExecuteStatement',
      'secretsmanager:GetSecretValue',
      'states:DescribeExecution',
      'states:StartExecution',
      'states:StopExecution',
    ]);
    expect(resourcesForAction(workflows, role, 'states:StartExecution')).toEqual([arn('states', 'stateMachine:nfse-dev-EmissionWorkflow')]);
    for (const action of ['states:DescribeExecution', 'states:StopExecution']) expect(resourcesForAction(workflows, role, action)).toEqual([arn('states', 'execution:nfse-dev-EmissionWorkflow:*')]);
    for (const action of ['events:PutTargets', 'events:PutRule', 'events:DescribeRule']) expect(resourcesForAction(workflows, role, action)).toEqual([arn('events', 'rule/StepFunctionsGetEventsForStepFunctionsExecutionRule')]);
    expect(resourcesForAction(workflows, role, 'lambda:InvokeFunction')).toEqual([functionArn('nfse-dev-order-invoice'), functionArn('nfse-dev-outbox-relay')]);
    expect(resourcesForAction(workflows, role, 'secretsmanager:GetSecretValue').map((secret) => exportedValue(data, secret))).toEqual([{ Ref: logicalId(stacks.data.orderSagaSecret) }]);
  });
});

describe('the orders functions in the CDK app', () => {
  const fnProps = (task: 'orders' | 'orderInvoice'): Record<string, Json> => {
    const fn = stacks.compute.functions[task];
    if (fn === undefined) throw new Error(`task ${task} is not deployed`);
    return resourcesOf(compute, 'AWS::Lambda::Function')[logicalId(fn)].Properties;
  };
  const roleOf = (task: 'orders' | 'orderInvoice'): string => {
    const fn = stacks.compute.functions[task];
    if (fn === undefined) throw new Error(`task ${task} is not deployed`);
    return logicalId(fn.role ?? fn);
  };
  const env = (task: 'orders' | 'orderInvoice'): Record<string, Json> => (fnProps(task).Environment as { Variables: Record<string, Json> }).Variables;

  it('names the invoice Lambda as the saga invokes it, and gives it only the order’s reader and the invoice’s writes', () => {
    expect(fnProps('orderInvoice').FunctionName).toBe('nfse-dev-order-invoice');
    expect(exportedValue(data, env('orderInvoice').DB_SECRET_ARN)).toEqual({ Ref: logicalId(stacks.data.orderInvoiceSecret) });
    expect(JSON.stringify(env('orderInvoice').EMISSION_STATE_MACHINE_ARN)).toContain('EmissionWorkflow');
    expect(actionsOfRole(compute, roleOf('orderInvoice')).filter((action) => !action.startsWith('xray:'))).toEqual([
      'dynamodb:GetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'kms:GenerateDataKey',
      'rds-data:ExecuteStatement',
      's3:PutObject',
      'secretsmanager:GetSecretValue',
    ]);
    expect(resourcesForAction(compute, roleOf('orderInvoice'), 'secretsmanager:GetSecretValue').map((secret) => exportedValue(data, secret))).toEqual([{ Ref: logicalId(stacks.data.orderInvoiceSecret) }]);
  });

  it('lets the orders API start and read only OrderSagaWorkflow, as the orders API database user', () => {
    expect(exportedValue(data, env('orders').DB_SECRET_ARN)).toEqual({ Ref: logicalId(stacks.data.ordersApiSecret) });
    expect(JSON.stringify(env('orders').ORDER_SAGA_STATE_MACHINE_ARN)).toContain('OrderSagaWorkflow');
    const starts = resourcesForAction(compute, roleOf('orders'), 'states:StartExecution');
    expect(starts.map((machine) => JSON.stringify(exportedValue(workflows, machine)))).toEqual([JSON.stringify({ Ref: logicalId(stacks.workflows.stateMachines.orderSaga as never) })]);
    expect(JSON.stringify(resourcesForAction(compute, roleOf('orders'), 'states:GetExecutionHistory'))).toContain(':execution:nfse-dev-OrderSagaWorkflow:*');
    expect(resourcesForAction(compute, roleOf('orders'), 'secretsmanager:GetSecretValue').map((secret) => exportedValue(data, secret))).toEqual([{ Ref: logicalId(stacks.data.ordersApiSecret) }]);
  });

  it('lets the ops function list and read the sagas’ executions as GET /executions shows them, and do nothing else to them or to the saga', () => {
    const ops = stacks.compute.functions.ops;
    if (ops === undefined) throw new Error('task ops is not deployed');
    const opsRole = logicalId(ops.role ?? ops);
    const sagaExecutions = arn('states', 'execution:nfse-dev-OrderSagaWorkflow:*');
    const onSaga = statementsOfRole(compute, opsRole).filter((statement) => JSON.stringify(statement.Resource).includes('OrderSagaWorkflow'));
    // CDK merges each with the billing machines' statement, which has the same actions: list the machine (GET /executions?workflow=orderSaga), read its executions.
    expect(onSaga).toEqual([
      { Effect: 'Allow', Action: 'states:ListExecutions', Resource: expect.arrayContaining([{ 'Fn::ImportValue': expect.stringContaining('OrderSagaWorkflow') }]) },
      { Effect: 'Allow', Action: ['states:DescribeExecution', 'states:DescribeStateMachineForExecution', 'states:GetExecutionHistory'], Resource: expect.arrayContaining([sagaExecutions]) },
    ]);
    const opsEnv = (resourcesOf(compute, 'AWS::Lambda::Function')[logicalId(ops)].Properties.Environment as { Variables: Record<string, Json> }).Variables;
    expect(exportedValue(workflows, opsEnv.ORDER_SAGA_STATE_MACHINE_ARN)).toEqual({ Ref: logicalId(stacks.workflows.stateMachines.orderSaga as never) });
  });

  it('lets the sweeper read PENDING orders as the orders API user and start and describe OrderSagaWorkflow, as it does EmissionWorkflow', () => {
    const sweeper = stacks.compute.functions.sweeper;
    if (sweeper === undefined) throw new Error('task sweeper is not deployed');
    const sweeperRole = logicalId(sweeper.role ?? sweeper);
    const sweeperEnv = (resourcesOf(compute, 'AWS::Lambda::Function')[logicalId(sweeper)].Properties.Environment as { Variables: Record<string, Json> }).Variables;
    expect(exportedValue(workflows, sweeperEnv.ORDER_SAGA_STATE_MACHINE_ARN)).toEqual({ Ref: logicalId(stacks.workflows.stateMachines.orderSaga as never) });
    expect(exportedValue(data, sweeperEnv.DB_SECRET_ARN)).toEqual({ Ref: logicalId(stacks.data.ordersApiSecret) });
    expect(resourcesForAction(compute, sweeperRole, 'states:StartExecution').map((machine) => JSON.stringify(exportedValue(workflows, machine))).sort()).toEqual(
      [stacks.workflows.stateMachines.emission, stacks.workflows.stateMachines.orderSaga].map((machine) => JSON.stringify({ Ref: logicalId(machine as never) })).sort(),
    );
    expect(JSON.stringify(resourcesForAction(compute, sweeperRole, 'states:DescribeExecution'))).toContain(':execution:nfse-dev-OrderSagaWorkflow:*');
    expect(resourcesForAction(compute, sweeperRole, 'secretsmanager:GetSecretValue').map((secret) => exportedValue(data, secret))).toEqual([{ Ref: logicalId(stacks.data.ordersApiSecret) }]);
  });

  it('lets the orders API queue a throttled saga start on StartQueue, and nothing else there', () => {
    expect(resourcesForAction(compute, roleOf('orders'), 'sqs:SendMessage').map((queue) => exportedValue(messaging, queue))).toEqual([{ 'Fn::GetAtt': [logicalId(stacks.messaging.startQueue), 'Arn'] }]);
    expect(exportedValue(messaging, env('orders').START_QUEUE_URL)).toEqual({ Ref: logicalId(stacks.messaging.startQueue) });
  });
});

describe('the orders schema and its users in DataStack', () => {
  const migration = Object.values(resourcesOf(data, 'Custom::NfseSchemaMigration'))[0];
  const statements = migration?.Properties.Statements as string[];

  it('migrates estoque and faturamento, then grants the three orders users what contracts/ordersGrantsSql.ts says, after the tables exist', () => {
    const grants = splitSqlStatements(ORDERS_GRANTS_SQL);
    expect(statements.slice(-grants.length)).toEqual(grants);
    const created = (table: string): number => statements.findIndex((sql) => sql.startsWith(`CREATE TABLE IF NOT EXISTS ${table}`));
    for (const table of ['estoque.produtos', 'estoque.reservas', 'faturamento.pedidos', 'faturamento.eventos_outbox']) expect(created(table)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...['estoque.produtos', 'estoque.reservas', 'faturamento.pedidos'].map(created))).toBeLessThan(statements.indexOf(grants[0] ?? ''));
    expect(migration?.Properties.Roles).toEqual(expect.arrayContaining(['nfse_orders_api', 'nfse_order_saga', 'nfse_order_invoice']));
  });

  it('gives each orders user its own Data API secret, rotated every 30 days after the migration created its role', () => {
    for (const secret of [stacks.data.ordersApiSecret, stacks.data.orderSagaSecret, stacks.data.orderInvoiceSecret]) {
      const id = logicalId(secret);
      const rotation = Object.entries(resourcesOf(data, 'AWS::SecretsManager::RotationSchedule')).find(([, schedule]) => JSON.stringify(schedule.Properties.SecretId) === JSON.stringify({ Ref: id }));
      expect(rotation?.[1].Properties.RotationRules).toEqual({ ScheduleExpression: 'rate(30 days)' });
      expect(rotation?.[1].DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^InvoicesSchema/)]));
    }
    const username = (prefix: string): string | undefined => /"username":"(\w+)"/.exec(JSON.stringify(onlyResource(data, 'AWS::SecretsManager::Secret', prefix).properties.GenerateSecretString).replace(/\\"/g, '"'))?.[1];
    expect(['OrdersApiSecret', 'OrderSagaSecret', 'OrderInvoiceSecret'].map(username)).toEqual(['nfse_orders_api', 'nfse_order_saga', 'nfse_order_invoice']);
  });
});
