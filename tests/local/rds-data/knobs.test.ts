import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { rdsDataAdmin } from '../../../local/rds-data/rdsDataAdmin';
import { testClientConfig, timeScale } from '../../harness/localCloudEnv';
import { clusterArn, dataApiClient, execute, rejection } from './dataApiTestKit';

describe('Data API knobs', () => {
  let client: RDSDataClient;

  beforeAll(() => {
    client = dataApiClient();
  });

  afterAll(() => client.destroy());

  it('answers DatabaseResumingException to the first call after a pause, then serves', async () => {
    const cluster = clusterArn('paused');
    const admin = rdsDataAdmin(testClientConfig().endpoint, cluster);
    await admin.pause();

    const first = await rejection(execute(client, cluster, 'SELECT 1 AS one'));
    const second = await execute(client, cluster, 'SELECT 1 AS one');

    expect(first.name).toBe('DatabaseResumingException');
    expect(first.$metadata.httpStatusCode).toBe(400);
    expect(first.message).toBe(`The Aurora DB instance ${cluster.split(':').pop()}-instance-1 is resuming after being auto-paused. Please wait a few seconds and try again.`);
    expect(second.records).toEqual([[{ longValue: 1 }]]);
  });

  it('keeps answering DatabaseResumingException while the cluster resumes', async () => {
    const cluster = clusterArn('resuming');
    const admin = rdsDataAdmin(testClientConfig().endpoint, cluster);
    await admin.pause(10);

    const first = await rejection(execute(client, cluster, 'SELECT 1'));
    const during = await rejection(execute(client, cluster, 'SELECT 1'));
    const stateDuring = await admin.state();
    await new Promise((resolve) => setTimeout(resolve, 10_000 * timeScale() + 200));
    const after = await execute(client, cluster, 'SELECT 2 AS two');

    expect([first.name, during.name]).toEqual(['DatabaseResumingException', 'DatabaseResumingException']);
    expect(stateDuring.cluster).toBe('resuming');
    expect(after.records).toEqual([[{ longValue: 2 }]]);
  });

  it('pauses only the cluster it names', async () => {
    const paused = clusterArn('only-this');
    const other = clusterArn('not-this');
    await rdsDataAdmin(testClientConfig().endpoint, paused).pause();

    const output = await execute(client, other, 'SELECT 3 AS three');
    const error = await rejection(execute(client, paused, 'SELECT 3 AS three'));

    expect(output.records).toEqual([[{ longValue: 3 }]]);
    expect(error.name).toBe('DatabaseResumingException');
  });

  it('answers ServiceUnavailableError (503) during an outage, and serves once it ends', async () => {
    const cluster = clusterArn('outage');
    const admin = rdsDataAdmin(testClientConfig().endpoint, cluster);
    await admin.outage(60);

    const error = await rejection(execute(client, cluster, 'SELECT 1'));
    const state = await admin.state();
    await admin.outage(0);
    const after = await execute(client, cluster, 'SELECT 4 AS four');

    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.$metadata.httpStatusCode).toBe(503);
    // openTransactions counts the whole service's, which the suites sharing this cloud open and close as they run.
    expect(state).toEqual({ backend: process.env.DATABASE_URL ? 'postgres' : 'pglite', cluster: 'available', outage: true, openTransactions: expect.any(Number) });
    expect(after.records).toEqual([[{ longValue: 4 }]]);
  });

  it('fails calls past the SDK retries while the outage lasts', async () => {
    const cluster = clusterArn('outage-retries');
    await rdsDataAdmin(testClientConfig().endpoint, cluster).outage(60);
    const retrying = new RDSDataClient({ ...testClientConfig(), maxAttempts: 3 });

    const error = await rejection(execute(retrying, cluster, 'SELECT 1'));
    retrying.destroy();

    expect(error.name).toBe('ServiceUnavailableError');
    expect((error.$metadata as { attempts?: number }).attempts).toBe(3);
  });

  it('ends an outage by itself after its duration on the cloud clock', async () => {
    const cluster = clusterArn('short-outage');
    await rdsDataAdmin(testClientConfig().endpoint, cluster).outage(5);

    const during = await rejection(execute(client, cluster, 'SELECT 1'));
    await new Promise((resolve) => setTimeout(resolve, 5_000 * timeScale() + 200));
    const after = await execute(client, cluster, 'SELECT 5 AS five');

    expect(during.name).toBe('ServiceUnavailableError');
    expect(after.records).toEqual([[{ longValue: 5 }]]);
  });

  it('clears a pause with resume', async () => {
    const cluster = clusterArn('cleared');
    const admin = rdsDataAdmin(testClientConfig().endpoint, cluster);
    await admin.pause();

    const state = await admin.resume();
    const output = await execute(client, cluster, 'SELECT 6 AS six');

    expect(state.cluster).toBe('available');
    expect(output.records).toEqual([[{ longValue: 6 }]]);
  });
});
