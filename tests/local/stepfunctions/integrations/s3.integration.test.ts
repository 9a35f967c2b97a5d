import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { destroyIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { uniqueName } from '../../../harness/localCloudEnv';
import { invocation, rejectionOf } from './integrationTestDeps';
import { requireServices, SERVICE_START_TIMEOUT_MS } from '../../../harness/requireServices';
import { cloudDeps } from './sharedCloud';

describe('S3 aws-sdk integration against the local cloud', () => {
  const deps = cloudDeps();
  const bucket = uniqueName('sfn-int').toLowerCase();

  beforeAll(async () => {
    await requireServices(['s3'], SERVICE_START_TIMEOUT_MS);
    await deps.clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }, SERVICE_START_TIMEOUT_MS + 10_000);

  afterAll(() => destroyIntegrationClients(deps.clients));

  it('putObject then getObject answer the body as text and LastModified as an ISO instant', async () => {
    // Arrange
    await invokeTask(invocation('arn:aws:states:::aws-sdk:s3:putObject', { Bucket: bucket, Key: 'xml/inv-1.xml', Body: '<Rps>1</Rps>', ContentType: 'application/xml' }), deps);

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: bucket, Key: 'xml/inv-1.xml' }), deps);

    // Assert
    expect(result).toMatchObject({ Body: '<Rps>1</Rps>', ContentLength: 12, ContentType: 'application/xml', LastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/) });
  });

  it('names a missing key S3.NoSuchKeyException', async () => {
    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: bucket, Key: 'nope.xml' }), deps));

    // Assert
    expect(error).toMatchObject({ error: 'S3.NoSuchKeyException', cause: expect.stringMatching(/^The specified key does not exist\. \(Service: S3, Status Code: 404, Request ID: .+\)$/) });
  });
});
