import { HealthServer } from '../../../adapter-container/worker/HealthServer';
import type { WorkerStats } from '../../../adapter-container/worker/WorkerLifecycle';

const PROCESSED = { succeeded: 3, failed: 1, stale: 0, invalid: 0, crashed: 0, abandoned: 0 };

describe('HealthServer', () => {
  let stats: WorkerStats;
  let server: HealthServer;

  beforeEach(async () => {
    stats = { state: 'RUNNING', inFlight: 2, waiting: 1, processed: PROCESSED };
    server = await HealthServer.start({ port: 0, host: '127.0.0.1', stats: () => stats });
  });

  afterEach(async () => {
    await server.stop();
  });

  it('answers 200 with the lifecycle state, in-flight, waiting and processed counts while running', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ state: 'RUNNING', inFlight: 2, waiting: 1, processed: PROCESSED });
  });

  it.each(['DRAINING', 'STOPPED'] as const)('answers 503 while %s', async (state) => {
    stats = { state, inFlight: 0, waiting: 0, processed: PROCESSED };

    const response = await fetch(`http://127.0.0.1:${server.port}/health`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ state, inFlight: 0, waiting: 0, processed: PROCESSED });
  });

  it('answers 404 for any other path', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);

    expect(response.status).toBe(404);
  });

  it('listens on loopback only unless told otherwise', async () => {
    const loopback = await HealthServer.start({ port: 0, stats: () => stats });
    await loopback.stop();

    expect(loopback.host).toBe('127.0.0.1');
  });
});
