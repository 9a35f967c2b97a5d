import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startE2eApp, type E2eApp } from './e2eApp';
import { runNfse, type NfseRun } from './runNfse';

const CNPJ = '11222333000181';
const INVOICE = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '45.00', service: { code: '01.07', description: 'Suporte', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

describe('the nfse command line against the running stack', () => {
  let e2e: E2eApp;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    e2e = await startE2eApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-cli-'));
    env = { ...process.env, NFSE_API_URL: e2e.app.api.endpoint, NFSE_API_KEY: e2e.app.apiKey, NFSE_TOKEN: '' };
  }, 60_000);

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await e2e.stop();
  });

  /** Runs the real `nfse` with this suite's API in the environment. */
  function nfse(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<NfseRun> {
    return runNfse(args, { ...env, ...extraEnv });
  }

  function invoiceFile(name: string, body: unknown): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(body));
    return file;
  }

  it('token, then emit --wait: the statuses go by on stderr and the ISSUED invoice is printed', async () => {
    const token = await nfse(['token', '--cnpj', CNPJ, '--sub', 'cli-client', '--json']);
    expect(token.code).toBe(0);
    const { token: jwt, apiKey } = JSON.parse(token.stdout) as { token: string; apiKey: string };
    expect(apiKey).toBe(e2e.app.apiKey);
    env.NFSE_TOKEN = jwt;

    const emitted = await nfse(['emit', invoiceFile('ok.json', INVOICE), '--wait', '--json']);

    expect(emitted.code).toBe(0);
    const invoice = JSON.parse(emitted.stdout) as { invoiceId: string; status: string; nfseNumber?: string };
    expect(invoice).toMatchObject({ status: 'ISSUED', companyCnpj: CNPJ, total: '45.00' });
    expect(invoice.nfseNumber).toMatch(/^\d+$/);
    const statuses = emitted.stderr.trim().split('\n');
    expect(statuses[statuses.length - 1]).toBe(`invoice ${invoice.invoiceId} ISSUED`);
    expect(statuses.every((line) => /^invoice \w+ (EMITTED|PROCESSING|ISSUED)(: .+)?$/.test(line))).toBe(true);
    expect((await e2e.record(invoice.invoiceId))?.status).toBe('ISSUED');

    const shown = await nfse(['get', invoice.invoiceId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`${invoice.invoiceId}  ISSUED`);
    expect(shown.stdout).toContain(`NFS-e ${invoice.nfseNumber}`);
  }, 60_000);

  it('a city rejection: emit --wait exits 1 with the city error; ops finds it with dlq and executions, and reprocesses it to ISSUED', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });

    const emitted = await nfse(['emit', invoiceFile('rejected.json', { ...INVOICE, total: '46.00' }), '--wait']);

    expect(emitted.code).toBe(1);
    expect(emitted.stdout).toMatch(/ {2}FAILED\n/);
    const [, invoiceId, code] = /^(\w+) {2}FAILED\n[\s\S]* {2}error (E\d+): /.exec(emitted.stdout) ?? [];
    expect(invoiceId).toBeDefined();

    const ops = JSON.parse((await nfse(['token', '--cnpj', CNPJ, '--role', 'ops', '--sub', 'cli-ops', '--json'])).stdout) as { token: string };
    const asOps = { NFSE_TOKEN: ops.token };
    const queued = await nfse(['dlq', 'list'], asOps);
    expect(queued.code).toBe(0);
    expect(queued.stdout).toMatch(new RegExp(`  ${invoiceId}  emission  open  FAILED  ${code}: `));

    const failed = JSON.parse((await nfse(['executions', 'list', '--status', 'FAILED', '--json'], asOps)).stdout) as { items: Array<{ name: string; executionArn: string }> };
    const execution = failed.items.find((e) => e.name === invoiceId);
    expect(execution).toBeDefined();
    const story = await nfse(['executions', 'show', execution?.executionArn ?? ''], asOps);
    expect(story.code).toBe(0);
    expect(story.stdout).toContain('MarkFailed');

    const reprocessed = await nfse(['dlq', 'reprocess', invoiceId ?? '', '--json'], asOps);
    expect(reprocessed.code).toBe(0);
    expect(JSON.parse(reprocessed.stdout)).toMatchObject({ started: [{ invoiceId }], skipped: [] });
    expect((await e2e.waitForStatus(invoiceId ?? '', ['ISSUED'], 30_000)).status).toBe('ISSUED');
    expect((await nfse(['dlq', 'list', '--json'], asOps)).stdout).not.toContain(invoiceId);
  }, 60_000);

  it('cancel --wait follows the invoice to CANCELLED', async () => {
    const emitted = await nfse(['emit', invoiceFile('to-cancel.json', { ...INVOICE, total: '47.00' }), '--wait', '--json']);
    const { invoiceId } = JSON.parse(emitted.stdout) as { invoiceId: string };

    const cancelled = await nfse(['cancel', invoiceId, '--reason-code', '2', '--wait', '--json']);

    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ invoiceId, status: 'CANCELLED' });
    expect(cancelled.stderr.trim().split('\n').pop()).toBe(`invoice ${invoiceId} CANCELLED`);
  }, 60_000);

  it('cancel --wait exits 1 when the city refuses: the invoice ends ISSUED, as it began', async () => {
    const emitted = await nfse(['emit', invoiceFile('kept.json', { ...INVOICE, total: '48.00' }), '--wait', '--json']);
    const { invoiceId } = JSON.parse(emitted.stdout) as { invoiceId: string };
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['CancelarNfse'] });

    const refused = await nfse(['cancel', invoiceId, '--reason-code', '2', '--wait', '--json']);

    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ invoiceId, status: 'ISSUED' });
    expect(refused.stderr).toContain(`invoice ${invoiceId} CANCELLING\n`);
    expect(refused.stderr.trim().split('\n').pop()).toBe(`invoice ${invoiceId} ISSUED`);
  }, 60_000);

  it('a refused request exits 1 naming each bad field, and a bad flag is refused before any call', async () => {
    const refused = await nfse(['emit', invoiceFile('bad.json', { ...INVOICE, companyCnpj: '11222333000180', total: '1.234' })]);

    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('nfse: HTTP 400: ');
    expect(refused.stderr).toContain('\n  companyCnpj: check digits do not match');
    expect(refused.stderr).toContain('\n  total: must be a decimal string');

    const badFlag = await nfse(['get', '01ARZ3NDEKTSV4RRFFQ69G5FAV', '--wait', '--timeout', 'soon']);
    expect(badFlag.code).toBe(1);
    expect(badFlag.stderr).toContain("not a duration: 'soon'");
  }, 60_000);
});
