import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { eventually } from '../harness/eventually';
import { startE2eApp, type E2eApp } from './e2eApp';
import { runNfse, type NfseRun } from './runNfse';

const CNPJ = '11222333000181';
const INVOICE = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '45.00', service: { code: '01.07', description: 'Suporte', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

/** A port free a moment ago, for a listener the test starts after registering its URL. */
async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('nfse webhooks: the whole loop with `nfse webhooks listen`', () => {
  let e2e: E2eApp;
  let env: NodeJS.ProcessEnv;
  let listener: ChildProcess | undefined;
  let heard = '';

  beforeAll(async () => {
    e2e = await startE2eApp();
    env = { ...process.env, NFSE_API_URL: e2e.app.api.endpoint, NFSE_API_KEY: e2e.app.apiKey, NFSE_TOKEN: await e2e.token('webhooks-cli', [CNPJ]) };
  }, 60_000);

  afterAll(async () => {
    listener?.kill('SIGTERM');
    await e2e.stop();
  });

  const nfse = (args: readonly string[]): Promise<NfseRun> => runNfse(['webhooks', ...args], env);

  it('adds an endpoint, hears a verified invoice.issued, lists the delivery, replays it and removes the endpoint', async () => {
    const port = await freePort();
    const added = await nfse(['add', '--url', `http://127.0.0.1:${port}/`, '--event', 'invoice.issued', '--json']);
    expect(added.code).toBe(0);
    const { id, secret } = JSON.parse(added.stdout) as { id: string; secret: string };
    listener = spawn(process.execPath, [path.resolve(__dirname, '../../cli/bin.js'), 'webhooks', 'listen', '--port', String(port)], { env: { ...env, NFSE_WEBHOOK_SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'] });
    listener.stdout?.on('data', (chunk: Buffer) => (heard += chunk.toString('utf8')));
    let banner = '';
    listener.stderr?.on('data', (chunk: Buffer) => (banner += chunk.toString('utf8')));
    await eventually('the listener to start', () => banner, (text) => text.includes('listening'), { timeoutMs: 20_000, intervalMs: 100 });
    expect(banner).toBe(`listening on http://127.0.0.1:${port}/ (verifying signatures)\n`);

    const emitted = await e2e.call('POST', '/invoices', String(env.NFSE_TOKEN), INVOICE);
    const invoiceId = String(emitted.body.invoiceId);

    await eventually('the listener to hear invoice.issued', () => heard, (text) => text.includes(invoiceId), { timeoutMs: 20_000, intervalMs: 100 });
    const [line] = heard.split('\n');
    expect(line).toMatch(/^\S+Z {2}invoice\.issued {2}webhook-id \S+ {2}signature verified {2}→ 204$/);
    expect(heard).toContain(`"invoiceId": "${invoiceId}"`);

    const listed = await nfse(['list']);
    expect(listed.stdout).toContain(`${id}  ${CNPJ}  enabled  invoice.issued  http://127.0.0.1:${port}/`);
    const deliveries = await nfse(['deliveries', id]);
    expect(deliveries.code).toBe(0);
    const deliveryId = deliveries.stdout.split('  ')[0] ?? '';
    expect(deliveries.stdout).toMatch(new RegExp(`^${deliveryId}  invoice\\.issued  delivered\\n {4}\\S+  delivered 204  \\d+ ms\\n$`));

    const webhookId = /webhook-id (\S+)/.exec(heard)?.[1];
    const replayed = await nfse(['replay', deliveryId]);
    expect(replayed.stdout).toMatch(new RegExp(`^replaying ${deliveryId}: arn:aws:states:.*:${deliveryId}-r1\\n$`));
    await eventually('the replay to be heard', () => heard.split('\n').filter((text) => text.includes('signature verified')), (lines) => lines.length === 2, { timeoutMs: 20_000, intervalMs: 100 });
    expect(/webhook-id (\S+)/.exec(heard.split('\n').filter((text) => text.includes('signature verified'))[1] ?? '')?.[1]).toBe(webhookId);

    const removed = await nfse(['rm', id]);
    expect(removed.stdout).toBe(`webhook ${id} deleted\n`);
    expect((await nfse(['list'])).stdout).toBe('no webhooks\n');
    // Seven runs of the real command, each a node + tsx start: minutes on a loaded runner.
  }, 180_000);

  it('refuses an unknown event type before calling the API, listing the types', async () => {
    const run = await nfse(['add', '--url', 'https://erp.example.com/hooks', '--event', 'invoice.paid']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("option '--event <type>' argument 'invoice.paid' is invalid. must be one of invoice.issued, invoice.failed, invoice.cancelled, invoice.substituted, certificate.expiring, billing.run.finished, order.confirmed, order.failed");
  });
});
