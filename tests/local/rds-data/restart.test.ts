import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { clusterArn, execute, tableName } from './dataApiTestKit';
import { startDataApiProcess, type DataApiProcess } from './dataApiProcess';

const CLUSTER = clusterArn('restart');

describe('Data API persistence', () => {
  let dataDir: string;
  const running: DataApiProcess[] = [];

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rds-data-restart-'));
  });

  afterAll(async () => {
    await Promise.all(running.map((cloud) => cloud.stop()));
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps rows written before a restart with a data directory', async () => {
    const invoices = tableName('invoices');
    const first = await startDataApiProcess({ dataDir });
    running.push(first);
    await execute(first.client, CLUSTER, `CREATE TABLE ${invoices} (invoice_id text PRIMARY KEY, total numeric(12,2) NOT NULL)`, [], { database: 'nfse' });
    await execute(first.client, CLUSTER, `INSERT INTO ${invoices} VALUES (:id, :total)`, [{ name: 'id', value: { stringValue: 'inv-1' } }, { name: 'total', value: { stringValue: '100.00' }, typeHint: 'DECIMAL' }], { database: 'nfse' });
    await first.stop();

    const second = await startDataApiProcess({ dataDir });
    running.push(second);
    const output = await execute(second.client, CLUSTER, `SELECT invoice_id, total FROM nfse.${invoices}`, []);

    expect(output.records).toEqual([[{ stringValue: 'inv-1' }, { stringValue: '100.00' }]]);
  }, 240_000);
});
