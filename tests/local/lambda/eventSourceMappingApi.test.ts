import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ResourceNotFoundException,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { createLogger } from '../../../local/createLogger';
import { isLambdaService } from '../../../local/lambda/LambdaService';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:requests-dlq';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:processor';

describe('event source mapping API (real SDK; pollers are not exercised here)', () => {
  let cloud: LocalCloud;
  let client: LambdaClient;

  beforeAll(async () => {
    // Only Lambda: the pollers find no SQS and keep retrying quietly, which is not what this suite checks.
    cloud = await startLocalCloud({ port: 0, services: ['lambda'], timeScale: 0.01, logger: createLogger('silent') });
    const lambda = cloud.services.get('lambda');
    if (!isLambdaService(lambda)) throw new Error('lambda service missing');
    lambda.register('processor', async () => null);
    client = new LambdaClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });

  afterAll(async () => {
    client.destroy();
    await cloud.stop();
  });

  it('creates, lists, gets and deletes an SQS mapping', async () => {
    const created = await client.send(new CreateEventSourceMappingCommand({
      EventSourceArn: QUEUE_ARN, FunctionName: 'processor', BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'],
    }));
    const listed = await client.send(new ListEventSourceMappingsCommand({ FunctionName: FUNCTION_ARN }));
    const got = await client.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    const deleted = await client.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
    const after = await client.send(new ListEventSourceMappingsCommand({ EventSourceArn: QUEUE_ARN }));

    expect(created).toMatchObject({
      EventSourceArn: QUEUE_ARN, FunctionArn: FUNCTION_ARN, BatchSize: 5, MaximumBatchingWindowInSeconds: 0,
      State: 'Creating', FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(created.LastModified).toBeInstanceOf(Date);
    expect(listed.EventSourceMappings?.map((m) => m.UUID)).toEqual([created.UUID]);
    expect(got).toMatchObject({ UUID: created.UUID, State: 'Enabled' });
    expect(deleted).toMatchObject({ UUID: created.UUID, State: 'Deleting' });
    expect(after.EventSourceMappings).toEqual([]);
  });

  it('updates a mapping and disables it', async () => {
    const created = await client.send(new CreateEventSourceMappingCommand({ EventSourceArn: QUEUE_ARN, FunctionName: 'processor' }));

    const updated = await client.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, BatchSize: 100, MaximumBatchingWindowInSeconds: 2, Enabled: false }));
    const got = await client.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    await client.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));

    expect(updated).toMatchObject({ UUID: created.UUID, BatchSize: 100, MaximumBatchingWindowInSeconds: 2, State: 'Disabling' });
    expect(got).toMatchObject({ BatchSize: 100, State: 'Disabled' });
  });

  it('refuses a source that is not an SQS queue', async () => {
    const error = await client.send(new CreateEventSourceMappingCommand({ EventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s', FunctionName: 'processor' })).catch((e: unknown) => e);

    expect((error as Error).name).toBe('InvalidParameterValueException');
  });

  it('refuses an unknown function', async () => {
    const error = await client.send(new CreateEventSourceMappingCommand({ EventSourceArn: QUEUE_ARN, FunctionName: 'missing' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses a batch above 10 without a batching window', async () => {
    const error = await client.send(new CreateEventSourceMappingCommand({ EventSourceArn: QUEUE_ARN, FunctionName: 'processor', BatchSize: 50 })).catch((e: unknown) => e);

    expect((error as Error).message).toBe('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  });

  it('answers an unknown mapping with ResourceNotFoundException', async () => {
    const error = await client.send(new GetEventSourceMappingCommand({ UUID: '00000000-0000-0000-0000-000000000000' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});
