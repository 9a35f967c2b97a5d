import {
  CreateFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import type { Context, SQSEvent, SQSBatchResponse } from 'aws-lambda';
import { createLogger } from '../../../local/createLogger';
import { isLambdaService, type LambdaService } from '../../../local/lambda/LambdaService';
import type { LambdaContext } from '../../../local/lambda/LambdaContext';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';

class ProviderTransientError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'Provider.Transient';
  }
}

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';
const decode = (bytes: Uint8Array | undefined): unknown => JSON.parse(Buffer.from(bytes ?? new Uint8Array()).toString('utf8'));

describe('LambdaService (real SDK against an in-test cloud)', () => {
  let cloud: LocalCloud;
  let lambda: LambdaService;
  let client: LambdaClient;
  const seen: Array<{ event: unknown; context: LambdaContext }> = [];
  let flakyCalls = 0;
  let onceCalls = 0;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['lambda'], timeScale: 0.01, logger: createLogger('silent') });
    const service = cloud.services.get('lambda');
    if (!isLambdaService(service)) throw new Error('lambda service missing');
    lambda = service;
    lambda.register('echo', async (event, context) => {
      seen.push({ event, context });
      return { received: event, remaining: context.getRemainingTimeInMillis() > 0 };
    }, { timeoutSeconds: 10, memoryMb: 512, environment: { STAGE: 'local' }, description: 'echoes' });
    lambda.register('fails', async () => { throw new ProviderTransientError('city is busy'); });
    lambda.register('flaky', async () => {
      flakyCalls += 1;
      if (flakyCalls < 3) throw new Error(`attempt ${flakyCalls} fails`);
      return 'ok';
    });
    lambda.register('fails-once-only', async () => {
      onceCalls += 1;
      throw new Error('no retries configured');
    }, { maximumRetryAttempts: 0 });
    // A handler typed with aws-lambda's own types registers as it is.
    const typed = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => ({
      batchItemFailures: event.Records.filter((r) => r.body === context.functionName).map((r) => ({ itemIdentifier: r.messageId })),
    });
    lambda.register('typed', typed);
    lambda.register('hangs', () => new Promise(() => undefined), { timeoutSeconds: 1 });
    client = new LambdaClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });

  afterAll(async () => {
    client.destroy();
    await cloud.stop();
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('invokes a handler with RequestResponse and returns its result', async () => {
    const result = await client.send(new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ invoiceId: 'inv-1' }) }));

    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBeUndefined();
    expect(result.ExecutedVersion).toBe('$LATEST');
    expect(decode(result.Payload)).toEqual({ received: { invoiceId: 'inv-1' }, remaining: true });
  });

  it('accepts a qualified full ARN and passes it as invokedFunctionArn', async () => {
    await client.send(new InvokeCommand({ FunctionName: `${ARN}:echo:$LATEST`, Payload: '{}' }));

    expect(seen[0]?.context).toMatchObject({ functionName: 'echo', invokedFunctionArn: `${ARN}:echo:$LATEST`, memoryLimitInMB: '512', functionVersion: '$LATEST' });
  });

  it('reports an unhandled error with X-Amz-Function-Error and the runtime error payload', async () => {
    const result = await client.send(new InvokeCommand({ FunctionName: 'fails', Payload: '{}' }));
    const payload = decode(result.Payload) as { errorType: string; errorMessage: string; trace: string[] };

    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    expect(payload.errorType).toBe('Provider.Transient');
    expect(payload.errorMessage).toBe('city is busy');
    expect(payload.trace[0]).toBe('Provider.Transient: city is busy');
  });

  it('times a hanging handler out as Lambda does', async () => {
    const result = await client.send(new InvokeCommand({ FunctionName: 'hangs', Payload: '{}' }));
    const payload = decode(result.Payload) as { errorType: string; errorMessage: string };

    expect(result.FunctionError).toBe('Unhandled');
    expect(payload.errorType).toBe('Sandbox.Timedout');
    expect(payload.errorMessage).toMatch(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/);
  });

  it('returns the log tail when asked', async () => {
    const result = await client.send(new InvokeCommand({ FunctionName: 'fails', Payload: '{}', LogType: 'Tail' }));
    const log = Buffer.from(result.LogResult ?? '', 'base64').toString('utf8');

    expect(log).toMatch(/^START RequestId: \S+ Version: \$LATEST\n/);
    expect(log).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"Provider.Transient"/);
    expect(log).toMatch(/\nREPORT RequestId: \S+\tDuration: [\d.]+ ms/);
  });

  it('accepts an Event invocation with 202 and runs it in the background', async () => {
    const result = await client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: JSON.stringify({ async: true }) }));
    await lambda.whenIdle();

    expect(result.StatusCode).toBe(202);
    expect(seen.map((s) => s.event)).toEqual([{ async: true }]);
  });

  it('retries a failed Event invocation twice, a minute and then two apart (AWS time)', async () => {
    const started = Date.now();

    await client.send(new InvokeCommand({ FunctionName: 'flaky', InvocationType: 'Event', Payload: '{}' }));
    await lambda.whenIdle();

    expect(flakyCalls).toBe(3);
    // 60 s + 120 s of AWS time at timeScale 0.01.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1700);
  });

  it('does not retry an Event invocation of a function with maximumRetryAttempts 0', async () => {
    await client.send(new InvokeCommand({ FunctionName: 'fails-once-only', InvocationType: 'Event', Payload: '{}' }));
    await lambda.whenIdle();

    expect(onceCalls).toBe(1);
  });

  it('runs a handler typed with the aws-lambda types', async () => {
    const event = { Records: [{ messageId: 'm1', body: 'typed' }, { messageId: 'm2', body: 'other' }] };

    const result = await client.send(new InvokeCommand({ FunctionName: 'typed', Payload: JSON.stringify(event) }));

    expect(decode(result.Payload)).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
  });

  it('answers a DryRun with 204 without running the handler', async () => {
    const result = await client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }));

    expect(result.StatusCode).toBe(204);
    expect(seen).toEqual([]);
  });

  it('answers an unknown function with ResourceNotFoundException', async () => {
    const error = await client.send(new InvokeCommand({ FunctionName: 'missing' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as ResourceNotFoundException).message).toBe(`Function not found: ${ARN}:missing`);
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
  });

  it('answers a qualifier other than $LATEST with ResourceNotFoundException', async () => {
    const error = await client.send(new InvokeCommand({ FunctionName: 'echo', Qualifier: 'prod' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as ResourceNotFoundException).message).toBe(`Function not found: ${ARN}:echo:prod`);
  });

  it('rejects a payload that is not JSON', async () => {
    const error = await client.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('not json') })).catch((e: unknown) => e);

    expect((error as Error).name).toBe('InvalidRequestContentException');
  });

  it('lists the registered functions', async () => {
    const result = await client.send(new ListFunctionsCommand({}));

    expect(result.Functions?.map((f) => f.FunctionName)).toEqual(['echo', 'fails', 'fails-once-only', 'flaky', 'hangs', 'typed']);
  });

  it('pages ListFunctions with MaxItems and Marker', async () => {
    const first = await client.send(new ListFunctionsCommand({ MaxItems: 2 }));
    const second = await client.send(new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }));

    const third = await client.send(new ListFunctionsCommand({ MaxItems: 2, Marker: second.NextMarker }));

    expect(first.Functions?.map((f) => f.FunctionName)).toEqual(['echo', 'fails']);
    expect(second.Functions?.map((f) => f.FunctionName)).toEqual(['fails-once-only', 'flaky']);
    expect(third.Functions?.map((f) => f.FunctionName)).toEqual(['hangs', 'typed']);
    expect(third.NextMarker).toBeUndefined();
  });

  it('describes a function with GetFunction', async () => {
    const result = await client.send(new GetFunctionCommand({ FunctionName: `${ARN}:echo` }));

    expect(result.Configuration).toMatchObject({
      FunctionName: 'echo',
      FunctionArn: `${ARN}:echo`,
      Timeout: 10,
      MemorySize: 512,
      Description: 'echoes',
      Version: '$LATEST',
      State: 'Active',
      Environment: { Variables: { STAGE: 'local' } },
    });
    expect(result.Configuration?.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  it('refuses CreateFunction with a clear error', async () => {
    const error = await client.send(new CreateFunctionCommand({ FunctionName: 'new', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: new Uint8Array([1]) } })).catch((e: unknown) => e);

    expect((error as Error).name).toBe('InvalidParameterValueException');
    expect((error as Error).message).toMatch(/register an in-process handler with LambdaService\.register/);
  });
});
