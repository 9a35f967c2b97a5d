import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { XRAY_DAEMON_ADDRESS, XRAY_DAEMON_IMAGE } from '../../infra/lib/constructs/AdapterService';
import { buildTestApp } from './helpers/buildTestApp';
import { actionsOfRole, logicalId, onlyResource, resourcesForAction, resourcesOf, type Json } from './helpers/templateQueries';

const { app, stacks } = buildTestApp();
const templates = app.node.children.filter((child): child is Stack => child instanceof Stack).map((stack) => ({ stack, template: Template.fromStack(stack) }));

/**
 * aws-cdk-lib's own deploy-time functions (custom resource providers, log retention, the
 * cross-region export reader and writer, the console's bucket deployment when web/dist is built): CDK builds them without a tracing option, they run at
 * deploy only and carry no invoice.
 */
const CDK_FRAMEWORK_FUNCTION = /^(AWS679f53fac002430cb0da5b7982bd2287|CustomCDKBucketDeployment[0-9A-F]+|Custom[A-Za-z]+CustomResourceProviderHandler|LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a|[A-Za-z]+Providerframework(onEvent|onTimeout|isComplete))/;

describe('tracing across the path', () => {
  it('runs every function of ours with active X-Ray tracing (only aws-cdk-lib’s deploy-time functions without)', () => {
    const functions = templates.flatMap(({ stack, template }) =>
      Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).map(([id, resource]) => ({ id: `${stack.stackName}/${id}`, tracing: resource.Properties.TracingConfig ?? null })),
    );
    const ours = functions.filter((fn) => !CDK_FRAMEWORK_FUNCTION.test(fn.id.split('/')[1] ?? ''));
    // The task functions, the schema migration, the webhook sender, the outbox relay and the orders events consumer.
    expect(ours.length).toBe(Object.keys(stacks.compute.functions).length + 4);
    expect(ours.filter((fn) => JSON.stringify(fn.tracing) !== JSON.stringify({ Mode: 'Active' }))).toEqual([]);
    expect(ours.map((fn) => fn.id)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Nfse-dev-Data\/InvoicesSchemaHandler/),
        expect.stringMatching(/^Nfse-dev-Workflows\/WebhookSenderFunction/),
        expect.stringMatching(/^Nfse-dev-Compute\/OutboxRelayFunction/),
        expect.stringMatching(/^Nfse-dev-Compute\/OrdersEventsConsumerFunction/),
      ]),
    );
  });

  it('keeps the functions’ answers out of their traces (they carry tomador data)', () => {
    const compute = Template.fromStack(stacks.compute);
    for (const fn of Object.values(stacks.compute.functions)) {
      const variables = (resourcesOf(compute, 'AWS::Lambda::Function')[logicalId(fn)].Properties.Environment as { Variables: Record<string, Json> }).Variables;
      expect(variables.POWERTOOLS_TRACER_CAPTURE_RESPONSE).toBe('false');
    }
  });

  it('traces every state machine', () => {
    const machines = Object.values(resourcesOf(Template.fromStack(stacks.workflows), 'AWS::StepFunctions::StateMachine'));
    expect(machines.length).toBe(Object.keys(stacks.workflows.stateMachines).length);
    expect(machines.map((machine) => machine.Properties.TracingConfiguration)).toEqual(machines.map(() => ({ Enabled: true })));
  });

  it('traces the API stage', () => {
    expect(onlyResource(Template.fromStack(stacks.api), 'AWS::ApiGateway::Stage').properties.TracingEnabled).toBe(true);
  });

  it('runs the X-Ray daemon beside the adapter, which sends it each message’s segment, and lets the task role write traces', () => {
    const compute = Template.fromStack(stacks.compute);
    const [adapter, daemon, ...others] = onlyResource(compute, 'AWS::ECS::TaskDefinition').properties.ContainerDefinitions as Array<Record<string, Json>>;
    expect(others).toEqual([]);
    expect((adapter?.Environment as Array<{ Name: string; Value: Json }>).find((variable) => variable.Name === 'AWS_XRAY_DAEMON_ADDRESS')?.Value).toBe(XRAY_DAEMON_ADDRESS);
    expect(daemon).toEqual({
      Name: 'xray-daemon',
      Image: XRAY_DAEMON_IMAGE,
      Essential: false,
      Cpu: 32,
      MemoryReservation: 64,
      PortMappings: [{ ContainerPort: 2000, Protocol: 'udp' }],
      Environment: [{ Name: 'AWS_REGION', Value: 'sa-east-1' }],
      LogConfiguration: {
        LogDriver: 'awslogs',
        Options: { 'awslogs-group': { Ref: logicalId(stacks.compute.adapter.logGroup) }, 'awslogs-stream-prefix': 'xray', 'awslogs-region': 'sa-east-1' },
      },
    });
    const taskRole = logicalId(stacks.compute.adapter.taskRole);
    // AWSXRayDaemonWriteAccess's actions, which X-Ray authorises on "*" only.
    const actions = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'];
    expect(actions.map((action) => [action, resourcesForAction(compute, taskRole, action)])).toEqual(actions.map((action) => [action, ['*']]));
    expect(actionsOfRole(compute, taskRole).filter((action) => action.startsWith('xray:'))).toEqual([...actions].sort());
  });
});
