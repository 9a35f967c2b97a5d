import { destroyIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { uniqueName } from '../../../harness/localCloudEnv';
import { invocation, rejectionOf } from './integrationTestDeps';
import { requireServices, SERVICE_START_TIMEOUT_MS } from '../../../harness/requireServices';
import { cloudDeps } from './sharedCloud';

// Functions are registered in-process in the cloud's own process, which tests cannot reach:
// against the shared cloud only the service's errors can be exercised end to end.
describe('Lambda integrations against the local cloud', () => {
  const deps = cloudDeps();

  beforeAll(async () => {
    await requireServices(['lambda'], SERVICE_START_TIMEOUT_MS);
  }, SERVICE_START_TIMEOUT_MS + 10_000);

  afterAll(() => destroyIntegrationClients(deps.clients));

  it('names a missing function Lambda.ResourceNotFoundException (optimized and function ARN)', async () => {
    // Arrange
    const name = uniqueName('missing-fn');

    // Act
    const optimized = await rejectionOf(invokeTask(invocation('arn:aws:states:::lambda:invoke', { FunctionName: name, Payload: {} }), deps));
    const direct = await rejectionOf(invokeTask(invocation(`arn:aws:lambda:us-east-1:000000000000:function:${name}`, {}), deps));

    // Assert
    const cause = expect.stringMatching(/\(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: .+; Proxy: null\)$/);
    expect(optimized).toMatchObject({ error: 'Lambda.ResourceNotFoundException', cause });
    expect(direct).toMatchObject({ error: 'Lambda.ResourceNotFoundException', cause });
  });

  it('names it Lambda.ResourceNotFoundException through aws-sdk too, with the SDK v2 cause', async () => {
    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::aws-sdk:lambda:invoke', { FunctionName: uniqueName('missing-fn') }), deps));

    // Assert
    expect(error).toMatchObject({ error: 'Lambda.ResourceNotFoundException', cause: expect.stringMatching(/\(Service: Lambda, Status Code: 404, Request ID: .+\)$/) });
  });
});
