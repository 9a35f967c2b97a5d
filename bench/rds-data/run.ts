/**
 * `npm run bench:rds-data`: ExecuteStatement round trips per second for the reporting UPSERT,
 * with the real SDK against a local cloud started in this process (embedded PGlite unless
 * DATABASE_URL is set). Env: BENCH_ROUNDS (default 1000).
 */
import os from 'node:os';
import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import { createLogger } from '../../local/createLogger';
import { startLocalCloud } from '../../local/startLocalCloud';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '1000');
const DB = {
  resourceArn: 'arn:aws:rds:us-east-1:000000000000:cluster:bench',
  secretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench',
  database: 'bench',
};

const UPSERT = `INSERT INTO invoices (invoice_id, status, total, processed_at)
VALUES (:invoiceId, :status, :total, :processedAt)
ON CONFLICT (invoice_id) DO UPDATE SET status = EXCLUDED.status, total = EXCLUDED.total, processed_at = EXCLUDED.processed_at`;

async function main(): Promise<void> {
  const startedAt = performance.now();
  const cloud = await startLocalCloud({ port: 0, services: ['rds-data'], logger: createLogger('warn') });
  const client = new RDSDataClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    await client.send(new ExecuteStatementCommand({ ...DB, sql: 'CREATE TABLE IF NOT EXISTS invoices (invoice_id text PRIMARY KEY, status text NOT NULL, total numeric(12,2) NOT NULL, processed_at timestamptz)' }));
    const readyMs = performance.now() - startedAt;
    const upsert = (i: number): ExecuteStatementCommand =>
      new ExecuteStatementCommand({
        ...DB,
        sql: UPSERT,
        parameters: [
          { name: 'invoiceId', value: { stringValue: `inv-${i % 100}` } },
          { name: 'status', value: { stringValue: i % 2 === 0 ? 'ISSUED' : 'PROCESSING' } },
          { name: 'total', value: { stringValue: `${i}.50` }, typeHint: 'DECIMAL' },
          { name: 'processedAt', value: { stringValue: '2026-11-23 12:00:00.123' }, typeHint: 'TIMESTAMP' },
        ],
      });
    for (let i = 0; i < 50; i++) await client.send(upsert(i));
    const latencies: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < ROUNDS; i++) {
      const callStart = performance.now();
      await client.send(upsert(i));
      latencies.push(performance.now() - callStart);
    }
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const percentile = (p: number): string => (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(2);
    const backend = process.env.DATABASE_URL ? 'Postgres (DATABASE_URL)' : 'PGlite';
    process.stdout.write(`backend ${backend} ready after ${(readyMs / 1000).toFixed(1)} s (cold start incl. cloud); load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs\n`);
    process.stdout.write(`ExecuteStatement UPSERT: ${(ROUNDS / seconds).toFixed(0)} round trips/s (${ROUNDS} sequential calls in ${seconds.toFixed(2)} s; p50 ${percentile(50)} ms, p99 ${percentile(99)} ms)\n`);
  } finally {
    client.destroy();
    await cloud.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
