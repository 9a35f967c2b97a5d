import { destroyIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { uniqueName } from '../../../harness/localCloudEnv';
import { invocation, rejectionOf } from './integrationTestDeps';
import { requireServices, SERVICE_START_TIMEOUT_MS } from '../../../harness/requireServices';
import { cloudDeps } from './sharedCloud';

describe('RDS Data aws-sdk integration against the local cloud', () => {
  const deps = cloudDeps();
  const target = {
    ResourceArn: `arn:aws:rds:us-east-1:000000000000:cluster:${uniqueName('sfn-int')}`,
    SecretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db',
    Database: 'sfn_integrations',
  };

  beforeAll(async () => {
    await requireServices(['rds-data'], SERVICE_START_TIMEOUT_MS);
  }, SERVICE_START_TIMEOUT_MS + 10_000);

  afterAll(() => destroyIntegrationClients(deps.clients));

  it('executeStatement answers records and metadata in PascalCase', async () => {
    // Act
    const result = await invokeTask(
      invocation('arn:aws:states:::aws-sdk:rdsdata:executeStatement', { ...target, Sql: 'SELECT :id::text AS invoice_id, 2 AS n', Parameters: [{ Name: 'id', Value: { StringValue: 'inv-1' } }] }),
      deps,
    );

    // Assert
    expect(result).toMatchObject({ Records: [[{ StringValue: 'inv-1' }, { LongValue: 2 }]], NumberOfRecordsUpdated: 0 });
  }, 60_000);

  it('names a bad statement RdsData.BadRequestException with the SDK v2 cause', async () => {
    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::aws-sdk:rdsdata:executeStatement', { ...target, Sql: 'SELEC 1' }), deps));

    // Assert
    expect(error).toMatchObject({ error: 'RdsData.BadRequestException', cause: expect.stringMatching(/\(Service: RdsData, Status Code: 400, Request ID: .+\)$/) });
  }, 60_000);
});
