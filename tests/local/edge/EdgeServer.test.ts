import { testClientConfig } from '../../harness/localCloudEnv';

describe('EdgeServer', () => {
  it('lists every service and its state at GET /health', async () => {
    const response = await fetch(`${testClientConfig().endpoint}/health`);
    const body = (await response.json()) as { services: Record<string, { state: string }> };

    expect(response.status).toBe(200);
    const expected = process.env.LOCAL_SERVICES?.split(',') ?? ['apigateway', 'dynamodb', 'ecs', 'events', 'lambda', 'rds-data', 's3', 'scheduler', 'secretsmanager', 'sqs', 'states'];
    expect(Object.keys(body.services).sort()).toEqual([...expected].sort());
  });

  it('answers an unknown service with an AWS-style error naming it', async () => {
    const response = await fetch(testClientConfig().endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'Kinesis_20131202.PutRecord', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    const body = (await response.json()) as { __type: string; message: string };

    expect(response.status).toBe(400);
    expect(body.__type).toBe('UnknownServiceException');
    expect(body.message).toMatch(/does not serve 'Kinesis_20131202' \(operation PutRecord\)/);
  });
});
