import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { clusterArn, execute, tableName } from './dataApiTestKit';

const CLUSTER = clusterArn('restart');
const REPO_ROOT = path.resolve(__dirname, '../../..');

interface CloudProcess {
  readonly child: ChildProcess;
  readonly client: RDSDataClient;
}

/**
 * Starts `startLocalCloud({port: 0, dataDir, services: ['rds-data']})` in a child process (see
 * cloudProcess.ts for why not in this one) and a client for it.
 */
function startCloud(dataDir: string): Promise<CloudProcess> {
  // Without DATABASE_URL: this is about PGlite's data directory, even when the suite runs on Postgres.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cloudProcess.ts'), dataDir], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /READY (\S+)/.exec(stdout);
      if (ready?.[1] !== undefined) {
        const client = new RDSDataClient({ endpoint: ready[1], region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
        resolve({ child, client });
      }
    });
    child.once('exit', (code) => reject(new Error(`the cloud process exited (${String(code)}): ${stderr}`)));
  });
}

/** Stops the cloud the way `npm start` is stopped (SIGTERM) and waits for the process to end. */
async function stopCloud(cloud: CloudProcess): Promise<void> {
  cloud.client.destroy();
  if (cloud.child.exitCode !== null) return;
  const exited = new Promise((resolve) => cloud.child.once('exit', resolve));
  cloud.child.kill('SIGTERM');
  await exited;
}

describe('Data API persistence', () => {
  let dataDir: string;
  const running: CloudProcess[] = [];

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rds-data-restart-'));
  });

  afterAll(async () => {
    await Promise.all(running.map(stopCloud));
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps rows written before a restart with a data directory', async () => {
    const invoices = tableName('invoices');
    const first = await startCloud(dataDir);
    running.push(first);
    await execute(first.client, CLUSTER, `CREATE TABLE ${invoices} (invoice_id text PRIMARY KEY, total numeric(12,2) NOT NULL)`, [], { database: 'nfse' });
    await execute(first.client, CLUSTER, `INSERT INTO ${invoices} VALUES (:id, :total)`, [{ name: 'id', value: { stringValue: 'inv-1' } }, { name: 'total', value: { stringValue: '100.00' }, typeHint: 'DECIMAL' }], { database: 'nfse' });
    await stopCloud(first);

    const second = await startCloud(dataDir);
    running.push(second);
    const output = await execute(second.client, CLUSTER, `SELECT invoice_id, total FROM nfse.${invoices}`, []);

    expect(output.records).toEqual([[{ stringValue: 'inv-1' }, { stringValue: '100.00' }]]);
  }, 240_000);
});
