import { CreateFunctionCommand, DeleteFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { createLogger } from '../../../local/createLogger';
import { LambdaRuntimeServer } from '../../../local/lambda/LambdaRuntimeServer';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';

class ErpRejected extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'Erp.Rejected';
  }
}

// The runtime serves in the test's process, as the cloud does: invoked in-process, and over its port.
describe.each([
  ['reached in-process', undefined],
  ['reached over its port (LOCAL_EDGE_IN_PROCESS=0)', '0'],
])('Image functions served by a Lambda runtime, %s', (_way, inProcessSwitch) => {
  const previousSwitch = process.env.LOCAL_EDGE_IN_PROCESS;
  let cloud: LocalCloud;
  let runtime: LambdaRuntimeServer;
  let client: LambdaClient;
  const text = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

  beforeAll(async () => {
    if (inProcessSwitch !== undefined) process.env.LOCAL_EDGE_IN_PROCESS = inProcessSwitch;
    cloud = await startLocalCloud({ port: 0, services: ['lambda'], timeScale: 1, logger: createLogger('silent') });
    runtime = await LambdaRuntimeServer.start({
      echo: async (event) => ({ echoed: event }),
      refuses: () => Promise.reject(new ErpRejected('client blocked')),
      throwsAtOnce: () => {
        throw new TypeError('not even a promise');
      },
      nothing: async () => undefined,
      context: async (_event, context) => ({ functionName: context.functionName, invokedFunctionArn: context.invokedFunctionArn }),
    });
    client = new LambdaClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    for (const name of ['echo', 'refuses', 'throwsAtOnce', 'nothing']) {
      await client.send(new CreateFunctionCommand({ FunctionName: name, PackageType: 'Image', Code: { ImageUri: runtime.url(name) }, Role: 'arn:aws:iam::000000000000:role/x', Timeout: 5 }));
    }
    // Served under another path than its name, as one runtime serving several functions does.
    await client.send(new CreateFunctionCommand({ FunctionName: 'whoAmI', PackageType: 'Image', Code: { ImageUri: runtime.url('context') }, Role: 'arn:aws:iam::000000000000:role/x', Timeout: 5 }));
  });
  afterAll(async () => {
    await runtime.stop();
    await cloud.stop();
    if (previousSwitch === undefined) delete process.env.LOCAL_EDGE_IN_PROCESS;
    else process.env.LOCAL_EDGE_IN_PROCESS = previousSwitch;
  });

  it('invokes the handler where it runs and answers its result', async () => {
    const answer = await client.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"a":1}') }));

    expect(answer.FunctionError).toBeUndefined();
    expect(JSON.parse(text(answer.Payload))).toEqual({ echoed: { a: 1 } });
  });

  it('reports a thrown error as an unhandled function error named after it', async () => {
    const answer = await client.send(new InvokeCommand({ FunctionName: 'refuses', Payload: Buffer.from('{}') }));

    expect(answer.FunctionError).toBe('Unhandled');
    expect(JSON.parse(text(answer.Payload))).toMatchObject({ errorType: 'Erp.Rejected', errorMessage: 'client blocked' });
  });

  it("hands the function the trace of the error where it was thrown, not the caller's", async () => {
    const answer = await client.send(new InvokeCommand({ FunctionName: 'refuses', Payload: Buffer.from('{}') }));

    const payload = JSON.parse(text(answer.Payload)) as { trace?: unknown };
    expect(Array.isArray(payload.trace)).toBe(true);
    const trace = (payload.trace as string[]).join('\n');
    expect(trace).toMatch(/^Erp\.Rejected: client blocked\n/);
    // Where the handler threw (this file), which a stack built where the caller read the answer lacks.
    expect(trace).toContain('LambdaRuntimeServer.test.ts');
  });

  it('builds the context of the function the caller invoked, not of the path its runtime serves it under', async () => {
    const answer = await client.send(new InvokeCommand({ FunctionName: 'whoAmI', Payload: Buffer.from('{}') }));

    expect(answer.FunctionError).toBeUndefined();
    const context = JSON.parse(text(answer.Payload)) as { functionName: string; invokedFunctionArn: string };
    expect(context.functionName).toBe('whoAmI');
    expect(context.invokedFunctionArn).toMatch(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:whoAmI$/);
  });

  it('reports an error thrown before any promise the same way', async () => {
    const answer = await client.send(new InvokeCommand({ FunctionName: 'throwsAtOnce', Payload: Buffer.from('{}') }));

    expect(answer.FunctionError).toBe('Unhandled');
    expect(JSON.parse(text(answer.Payload))).toMatchObject({ errorType: 'TypeError', errorMessage: 'not even a promise' });
  });

  it('answers null for a handler that returns nothing, and hands it {} for an empty payload', async () => {
    const nothing = await client.send(new InvokeCommand({ FunctionName: 'nothing' }));
    const echoed = await client.send(new InvokeCommand({ FunctionName: 'echo' }));

    expect(nothing.FunctionError).toBeUndefined();
    expect(text(nothing.Payload)).toBe('null');
    expect(JSON.parse(text(echoed.Payload))).toEqual({ echoed: {} });
  });

  it('refuses a second function of the same name, and creates it again once deleted', async () => {
    const create = new CreateFunctionCommand({ FunctionName: 'echo', PackageType: 'Image', Code: { ImageUri: runtime.url('echo') }, Role: 'arn:aws:iam::000000000000:role/x' });
    await expect(client.send(create)).rejects.toMatchObject({ name: 'ResourceConflictException' });
    await client.send(new DeleteFunctionCommand({ FunctionName: 'echo' }));
    await expect(client.send(create)).resolves.toMatchObject({ FunctionName: 'echo', PackageType: 'Image' });
  });

  it('reports a runtime that has stopped as Runtime.Unavailable', async () => {
    const gone = await LambdaRuntimeServer.start({ gone: async () => 'never' });
    await client.send(new CreateFunctionCommand({ FunctionName: 'gone', PackageType: 'Image', Code: { ImageUri: gone.url('gone') }, Role: 'arn:aws:iam::000000000000:role/x', Timeout: 5 }));
    await gone.stop();

    const answer = await client.send(new InvokeCommand({ FunctionName: 'gone', Payload: Buffer.from('{}') }));

    expect(answer.FunctionError).toBe('Unhandled');
    expect(JSON.parse(text(answer.Payload))).toMatchObject({ errorType: 'Runtime.Unavailable', errorMessage: expect.stringContaining(`the function's runtime at ${gone.url('gone')} is unreachable`) });
  });

  it('still refuses uploaded code', async () => {
    await expect(client.send(new CreateFunctionCommand({ FunctionName: 'zip', Code: { ZipFile: Buffer.from('x') }, Role: 'arn:aws:iam::000000000000:role/x', Runtime: 'nodejs20.x', Handler: 'index.handler' }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
  });
});
