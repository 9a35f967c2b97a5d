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

describe('Image functions served by a Lambda runtime in another process', () => {
  let cloud: LocalCloud;
  let runtime: LambdaRuntimeServer;
  let client: LambdaClient;
  const text = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['lambda'], timeScale: 1, logger: createLogger('silent') });
    runtime = await LambdaRuntimeServer.start({
      echo: async (event) => ({ echoed: event }),
      refuses: () => Promise.reject(new ErpRejected('client blocked')),
    });
    client = new LambdaClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    for (const name of ['echo', 'refuses']) {
      await client.send(new CreateFunctionCommand({ FunctionName: name, PackageType: 'Image', Code: { ImageUri: runtime.url(name) }, Role: 'arn:aws:iam::000000000000:role/x', Timeout: 5 }));
    }
  });
  afterAll(async () => {
    await runtime.stop();
    await cloud.stop();
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

  it('refuses a second function of the same name, and creates it again once deleted', async () => {
    const create = new CreateFunctionCommand({ FunctionName: 'echo', PackageType: 'Image', Code: { ImageUri: runtime.url('echo') }, Role: 'arn:aws:iam::000000000000:role/x' });
    await expect(client.send(create)).rejects.toMatchObject({ name: 'ResourceConflictException' });
    await client.send(new DeleteFunctionCommand({ FunctionName: 'echo' }));
    await expect(client.send(create)).resolves.toMatchObject({ FunctionName: 'echo', PackageType: 'Image' });
  });

  it('still refuses uploaded code', async () => {
    await expect(client.send(new CreateFunctionCommand({ FunctionName: 'zip', Code: { ZipFile: Buffer.from('x') }, Role: 'arn:aws:iam::000000000000:role/x', Runtime: 'nodejs20.x', Handler: 'index.handler' }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
  });
});
