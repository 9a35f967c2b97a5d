import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { CreateQueueCommand, DeleteQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { testClientConfig, uniqueName } from '../harness/localCloudEnv';
import { requireServices } from '../harness/requireServices';

const ROOT = path.resolve(__dirname, '../..');

/** Resolves with the first JSON log line of `child` that satisfies `match`. */
function logLine(child: ChildProcessWithoutNullStreams, match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const text of lines) {
        try {
          const line = JSON.parse(text) as Record<string, unknown>;
          if (match(line)) {
            child.stdout.off('data', onData);
            resolve(line);
          }
        } catch {
          // not a log line (tsx or npm noise)
        }
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the adapter exited (${String(code)}) before logging the expected line`)));
  });
}

describe('adapter-container/main.ts', () => {
  const sqs = new SQSClient(testClientConfig());
  let queueUrl = '';

  beforeAll(async () => {
    await requireServices(['sqs']);
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('adapter-main') }))).QueueUrl ?? '';
  });

  afterAll(async () => {
    if (queueUrl !== '') await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    sqs.destroy();
  });

  it('starts from the environment, reports RUNNING on /health (loopback only), and exits 0 after SIGTERM', async () => {
    const { endpoint } = testClientConfig();
    const child = spawn(process.execPath, ['--import', 'tsx', 'adapter-container/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        REQUESTS_QUEUE_URL: queueUrl,
        DOCS_BUCKET: 'unused',
        CITY_LIMITS_TABLE: 'unused',
        CERTIFICATE_SECRET_PREFIX: 'unused',
        ADAPTER_HEALTH_PORT: '0',
        ADAPTER_SHUTDOWN_GRACE_SECONDS: '1',
        LOG_LEVEL: 'info',
      },
    });
    const started = await logLine(child, (line) => line.msg === 'adapter started');
    const health = await fetch(`http://127.0.0.1:${String(started.healthPort)}/health`);
    const body: unknown = await health.json();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    child.kill('SIGTERM');
    const code = await exited;

    expect(health.status).toBe(200);
    expect(body).toEqual({ state: 'RUNNING', inFlight: 0, waiting: 0, processed: { succeeded: 0, failed: 0, stale: 0, invalid: 0, crashed: 0, abandoned: 0 } });
    expect(started.municipalities).toEqual(['3550308', '3304557', '3106200', '4314902', '2611606', '5208707']);
    expect(started.healthHost).toBe('127.0.0.1');
    expect(code).toBe(0);
  }, 30_000);

  it('exits 1 naming the missing variables', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'adapter-container/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, REQUESTS_QUEUE_URL: '', DOCS_BUCKET: '', CITY_LIMITS_TABLE: '', ADAPTER_HEALTH_PORT: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));

    expect(code).toBe(1);
    expect(output).toContain('REQUESTS_QUEUE_URL is not set; DOCS_BUCKET is not set; CITY_LIMITS_TABLE is not set');
  }, 30_000);
});
