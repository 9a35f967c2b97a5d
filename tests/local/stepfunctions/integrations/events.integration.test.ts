import { destroyIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { uniqueName } from '../../../harness/localCloudEnv';
import { invocation, rejectionOf } from './integrationTestDeps';
import { requireServices, SERVICE_START_TIMEOUT_MS } from '../../../harness/requireServices';
import { cloudDeps } from './sharedCloud';

describe('EventBridge integration against the local cloud', () => {
  const deps = cloudDeps();

  beforeAll(async () => {
    await requireServices(['events'], SERVICE_START_TIMEOUT_MS);
  }, SERVICE_START_TIMEOUT_MS + 10_000);

  afterAll(() => destroyIntegrationClients(deps.clients));

  it('events:putEvents answers the entries with their event ids', async () => {
    // Arrange
    const parameters = { Entries: [{ Source: 'nfse', DetailType: 'InvoiceIssued', Detail: { invoiceId: 'inv-1' } }] };

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::events:putEvents', parameters, { executionArn: 'arn:aws:states:us-east-1:000000000000:execution:m:e' }), deps);

    // Assert
    expect(result).toEqual({ Entries: [{ EventId: expect.any(String) }], FailedEntryCount: 0 });
  });

  it('events:putEvents fails with EventBridge.FailedEntry when the bus does not exist', async () => {
    // Arrange
    const bus = uniqueName('missing-bus');

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::events:putEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: {}, EventBusName: bus }] }), deps));

    // Assert
    expect(error).toMatchObject({
      error: 'EventBridge.FailedEntry',
      cause: JSON.stringify({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InvalidArgument', ErrorMessage: `Event bus ${bus} does not exist.` }] }),
    });
  });
});
