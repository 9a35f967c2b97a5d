import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { createLogger } from '../../../../local/createLogger';
import { isLambdaService } from '../../../../local/lambda/LambdaService';
import { startLocalCloud, type LocalCloud } from '../../../../local/startLocalCloud';
import { FakeClock } from '../../../../lib/clock/FakeClock';
import { parseSfnQuotas } from '../../../../local/stepfunctions/quotas/sfnQuotaProfiles';
import { createIntegrationClients, destroyIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import { invokeTask, type IntegrationDeps } from '../../../../local/stepfunctions/integrations/invokeTask';
import { createServiceWire, type ServiceWire } from '../../../../local/stepfunctions/integrations/wire/ServiceWire';
import { uniqueName } from '../../../harness/localCloudEnv';
import { invocation } from './integrationTestDeps';

/** What a Task state got: its result, or its error and cause. */
type Outcome = { readonly result: unknown } | { readonly error: unknown; readonly cause: unknown };

// Values that differ between two calls by nature (ids, the clock, the log of one invocation, and
// the length of an answer holding a start date in epoch seconds with 0-3 decimals): compared by type only.
const VARYING_KEYS = new Set(['RequestId', 'x-amzn-RequestId', 'Date', 'StartDate', 'StopDate', 'LogResult', 'x-amz-log-result', 'Content-Length']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
// A function error's trace holds Node's own frames (the microtask queue, immediates) or not
// depending on whether the call waited a turn of the event loop on its way (the local cloud's time
// slicing), not on the path.
const NODE_INTERNAL_FRAME = /,"    at [^"]*\(node:internal\/[^"]*\)"/g;

/** `value` with ids, dates and the case's own key replaced by placeholders. */
function normalised(value: unknown, key: string): unknown {
  if (typeof value === 'string') {
    const text = value.replace(UUID, '<uuid>').replace(/Request ID: [^;,)]+/, 'Request ID: <id>').replace(/"(StartDate|StopDate)":\d+/g, '"$1":<millis>').replace(NODE_INTERNAL_FRAME, '');
    return key === '' ? text : text.replaceAll(key, '<key>');
  }
  if (Array.isArray(value)) return value.map((item) => normalised(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, VARYING_KEYS.has(name) ? varyingShape(item) : normalised(item, key)]));
  }
  return value;
}

/** A varying value's kind, epoch milliseconds told apart from other numbers (seconds). */
function varyingShape(value: unknown): string {
  return typeof value === 'number' && value > 1e12 ? '<millis>' : `<${typeof value}>`;
}

async function outcomeOf(resource: string, parameters: unknown, deps: IntegrationDeps, key: string): Promise<Outcome> {
  try {
    return { result: normalised(await invokeTask(invocation(resource, parameters), deps), key) };
  } catch (error) {
    return { error: Reflect.get(error as object, 'error'), cause: normalised(Reflect.get(error as object, 'cause'), key) };
  }
}

/** Two keys of the same length, so that answers holding them are of the same length too. */
function keyPair(): readonly [string, string] {
  const base = uniqueName('k');
  return [`${base}w`, `${base}s`];
}

class ProviderTransientError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'Provider.Transient';
  }
}

/** The paths of the requests that went on the wire. */
const onWire: string[] = [];

/** Deps on `cloud` as its engine has them: with the wire (which notes each request's path), or (`wire: false`) every call through the SDK. */
function depsOn(cloud: LocalCloud, wire: boolean): IntegrationDeps {
  const context = { endpoint: cloud.endpoint, region: 'us-east-1' };
  const serviceWire = wire ? createServiceWire(cloud.endpoint) : undefined;
  const noting: ServiceWire | undefined = serviceWire && {
    exchange: (request, signal) => {
      onWire.push(`${request.headers['x-amz-target'] ?? ''}${request.rawUrl}`);
      return serviceWire.exchange(request, signal);
    },
    destroy: () => serviceWire.destroy(),
  };
  return { clients: createIntegrationClients(context), clock: cloud.clock, syncPollIntervalMs: 50, ...(noting !== undefined ? { wire: noting } : {}) };
}

/** The clients of both ways and the wire released, then the cloud stopped. */
async function stopBoth(cloud: LocalCloud, viaWire: IntegrationDeps, viaSdk: IntegrationDeps): Promise<void> {
  destroyIntegrationClients(viaWire.clients);
  destroyIntegrationClients(viaSdk.clients);
  viaWire.wire?.destroy();
  await cloud.stop();
}

describe('lambda:invoke and states:startExecution answer on the wire exactly as through the SDK (in-process edge)', () => {
  let cloud: LocalCloud;
  let viaWire: IntegrationDeps;
  let viaSdk: IntegrationDeps;
  let machine = '';
  let failingMachine = '';

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['lambda', 'states'], timeScale: 0.01, logger: createLogger('silent') });
    const lambda = cloud.services.get('lambda');
    if (!isLambdaService(lambda)) throw new Error('lambda service missing');
    lambda.register('echo', async (event) => ({ received: event }));
    lambda.register('text', async () => 'plain text');
    lambda.register('nothing', async () => undefined);
    lambda.register('fails', async () => {
      throw new ProviderTransientError('city is busy');
    });
    lambda.register('throws-string', async () => {
      throw 'not an error object';
    });
    lambda.register('hangs', () => new Promise(() => undefined), { timeoutSeconds: 1 });
    viaWire = depsOn(cloud, true);
    viaSdk = depsOn(cloud, false);
    const role = 'arn:aws:iam::000000000000:role/sfn';
    const definition = { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 1, Next: 'Done' }, Done: { Type: 'Pass', Result: { issued: true }, End: true } } };
    machine = (await viaSdk.clients.sfn.send(new CreateStateMachineCommand({ name: uniqueName('child'), roleArn: role, definition: JSON.stringify(definition) }))).stateMachineArn ?? '';
    const failing = { StartAt: 'Fail', States: { Fail: { Type: 'Fail', Error: 'Invoice.Failed', Cause: 'rejected by the city' } } };
    failingMachine = (await viaSdk.clients.sfn.send(new CreateStateMachineCommand({ name: uniqueName('failing'), roleArn: role, definition: JSON.stringify(failing) }))).stateMachineArn ?? '';
  }, 60_000);

  afterAll(() => stopBoth(cloud, viaWire, viaSdk));

  const invoke = 'arn:aws:states:::lambda:invoke';
  const start = 'arn:aws:states:::states:startExecution';
  const cases: ReadonlyArray<readonly [string, string, (key: string) => unknown]> = [
    ['invoke RequestResponse', invoke, (key) => ({ FunctionName: 'echo', Payload: { orderId: key, n: 1.5 } })],
    ['invoke a string payload, a text answer', invoke, () => ({ FunctionName: 'text', Payload: 'raw text' })],
    ['invoke without a payload, an undefined answer', invoke, () => ({ FunctionName: 'nothing' })],
    ['invoke a full ARN with $LATEST', invoke, () => ({ FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:echo:$LATEST', Payload: {} })],
    ['invoke Qualifier $LATEST, LogType Tail, ClientContext', invoke, () => ({ FunctionName: 'echo', Qualifier: '$LATEST', LogType: 'Tail', ClientContext: Buffer.from('{"custom":{}}').toString('base64'), Payload: {} })],
    ['invoke a function error', invoke, () => ({ FunctionName: 'fails', Payload: {} })],
    ['invoke an unhandled non-error throw', invoke, () => ({ FunctionName: 'throws-string', Payload: {} })],
    ['invoke a timeout', invoke, () => ({ FunctionName: 'hangs', Payload: {} })],
    ['invoke Event', invoke, (key) => ({ FunctionName: 'echo', InvocationType: 'Event', Payload: { orderId: key } })],
    ['invoke DryRun', invoke, () => ({ FunctionName: 'echo', InvocationType: 'DryRun', Payload: {} })],
    ['invoke an unknown function', invoke, (key) => ({ FunctionName: key, Payload: {} })],
    ['invoke an unknown qualifier', invoke, () => ({ FunctionName: 'echo', Qualifier: 'prod', Payload: {} })],
    ['invoke a bad function name', invoke, () => ({ FunctionName: 'no spaces allowed', Payload: {} })],
    ['invoke without a function name', invoke, () => ({ Payload: {} })],
    ['startExecution', start, (key) => ({ StateMachineArn: machine, Name: key, Input: { orderId: key } })],
    ['startExecution without input or name', start, () => ({ StateMachineArn: machine })],
    ['startExecution of a missing machine', start, (key) => ({ StateMachineArn: `${machine}-${key}`, Input: {} })],
    ['startExecution of a bad ARN', start, () => ({ StateMachineArn: 'not-an-arn', Input: {} })],
    ['startExecution.sync:2', `${start}.sync:2`, (key) => ({ StateMachineArn: machine, Name: key, Input: { orderId: key } })],
    ['startExecution.sync', `${start}.sync`, (key) => ({ StateMachineArn: machine, Name: key, Input: { orderId: key } })],
    ['startExecution.sync of a failing child', `${start}.sync`, (key) => ({ StateMachineArn: failingMachine, Name: key })],
  ];

  it.each(cases)('%s', async (name, resource, parameters) => {
    // Arrange
    const [wireKey, sdkKey] = keyPair();
    onWire.length = 0;

    // Act
    const wireOutcome = await outcomeOf(resource, parameters(wireKey), viaWire, wireKey);
    const sdkOutcome = await outcomeOf(resource, parameters(sdkKey), viaSdk, sdkKey);

    // Assert
    expect(wireOutcome).toEqual(sdkOutcome);
    // Only a call the SDK refuses itself (no FunctionName) stays off the wire.
    expect(onWire.length > 0).toBe(name !== 'invoke without a function name');
  }, 60_000);

  it('names a second execution of the same name with other input StepFunctions.ExecutionAlreadyExistsException, as the SDK path does', async () => {
    // Arrange
    const [wireKey, sdkKey] = keyPair();
    onWire.length = 0;
    for (const key of [wireKey, sdkKey]) await invokeTask(invocation(start, { StateMachineArn: machine, Name: key, Input: { n: 1 } }), viaSdk);

    // Act
    const wireOutcome = await outcomeOf(start, { StateMachineArn: machine, Name: wireKey, Input: { n: 2 } }, viaWire, wireKey);
    const sdkOutcome = await outcomeOf(start, { StateMachineArn: machine, Name: sdkKey, Input: { n: 2 } }, viaSdk, sdkKey);

    // Assert
    expect(wireOutcome).toEqual(sdkOutcome);
    expect(wireOutcome).toMatchObject({ error: 'StepFunctions.ExecutionAlreadyExistsException' });
    expect(onWire).toContain('AWSStepFunctions.StartExecution/');
  });

  it('answers the function error with the payload errorType, the unknown function with Lambda.ResourceNotFoundException', async () => {
    // Act
    const failed = await outcomeOf(invoke, { FunctionName: 'fails', Payload: {} }, viaWire, '');
    const missing = await outcomeOf(invoke, { FunctionName: uniqueName('missing'), Payload: {} }, viaWire, '');
    const event = await outcomeOf(invoke, { FunctionName: 'echo', InvocationType: 'Event', Payload: {} }, viaWire, '');

    // Assert
    expect(failed).toMatchObject({ error: 'Provider.Transient', cause: expect.stringContaining('"errorMessage":"city is busy"') });
    expect(missing).toMatchObject({ error: 'Lambda.ResourceNotFoundException', cause: expect.stringMatching(/\(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: <id>; Proxy: null\)$/) });
    expect(event).toEqual({ result: expect.objectContaining({ Payload: '', StatusCode: 202 }) });
    expect(onWire).toEqual(expect.arrayContaining(['/2015-03-31/functions/fails/invocations']));
  });
});

describe('a throttled startExecution on the wire fails as through the SDK', () => {
  let cloud: LocalCloud;
  let viaWire: IntegrationDeps;
  let viaSdk: IntegrationDeps;
  let machine = '';

  beforeAll(async () => {
    // One token that never refills: the first StartExecution takes it, every later one is throttled.
    cloud = await startLocalCloud({ port: 0, services: ['states'], timeScale: 0.01, logger: createLogger('silent'), sfnQuotas: parseSfnQuotas('StartExecution=1/0.000001') });
    viaWire = depsOn(cloud, true);
    viaSdk = depsOn(cloud, false);
    const definition = { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } };
    machine = (await viaSdk.clients.sfn.send(new CreateStateMachineCommand({ name: uniqueName('child'), roleArn: 'arn:aws:iam::000000000000:role/sfn', definition: JSON.stringify(definition) }))).stateMachineArn ?? '';
    await invokeTask(invocation('arn:aws:states:::states:startExecution', { StateMachineArn: machine }), { ...viaSdk, clock: new FakeClock() });
  }, 60_000);

  afterAll(() => stopBoth(cloud, viaWire, viaSdk));

  it('names it StepFunctions.AWSStepFunctionsException with Error Code ThrottlingException either way', async () => {
    // Act
    const wireOutcome = await outcomeOf('arn:aws:states:::states:startExecution', { StateMachineArn: machine }, viaWire, '');
    const sdkOutcome = await outcomeOf('arn:aws:states:::states:startExecution', { StateMachineArn: machine }, viaSdk, '');

    // Assert
    expect(wireOutcome).toEqual(sdkOutcome);
    expect(wireOutcome).toMatchObject({ error: 'StepFunctions.AWSStepFunctionsException', cause: expect.stringContaining('Status Code: 400; Error Code: ThrottlingException') });
    expect(onWire).toContain('AWSStepFunctions.StartExecution/');
  });
});
