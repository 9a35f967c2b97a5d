import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rdsDataAdmin } from '../../local/rds-data/rdsDataAdmin';
import { testClientConfig } from '../harness/localCloudEnv';
import { startE2eApp, type E2eApp } from './e2eApp';
import { eventually } from '../harness/eventually';
import { runNfse, type NfseRun } from './runNfse';

const CNPJ = '11222333000181';
const OTHER = '11444777000161';
const INVOICE = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '71.00', service: { code: '01.07', description: 'Suporte', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

describe('the nfse command line for ops, tokens and the mock city', () => {
  let e2e: E2eApp;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let ops: NodeJS.ProcessEnv;

  beforeAll(async () => {
    e2e = await startE2eApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-cli-ops-'));
    env = { ...process.env, NFSE_API_URL: e2e.app.api.endpoint, NFSE_API_KEY: e2e.app.apiKey, NFSE_MOCK_URL: e2e.app.mock.url.replace(/\/nfse$/, ''), NFSE_TOKEN: await e2e.token('cli-ops-client', [CNPJ]) };
    ops = { NFSE_TOKEN: await e2e.token('cli-ops-operator', [CNPJ], 'ops') };
  }, 60_000);

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await rdsDataAdmin(testClientConfig().endpoint, e2e.app.names.dbClusterArn).resume();
    await e2e.stop();
  });

  afterEach(() => e2e.app.mock.reset());

  function nfse(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<NfseRun> {
    return runNfse(args, { ...env, ...extraEnv });
  }

  function file(name: string, body: unknown): string {
    const location = path.join(dir, name);
    fs.writeFileSync(location, JSON.stringify(body));
    return location;
  }

  async function emitted(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await e2e.call('POST', '/invoices', env.NFSE_TOKEN, { ...INVOICE, ...overrides });
    expect(created.status).toBe(201);
    return String(created.body.invoiceId);
  }

  it('reprocess prints the invoice and its new execution apart, so the printed id is one `get` takes', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
    const invoiceId = await emitted();
    await e2e.waitForStatus(invoiceId, ['FAILED'], 30_000);

    const reprocessed = await nfse(['invoices', 'reprocess', invoiceId], ops);

    expect(reprocessed.code).toBe(0);
    expect(reprocessed.stdout).toBe(`invoice    ${invoiceId}\nexecution  ${invoiceId}-r1\nfollow it: npm run nfse -- get ${invoiceId} --wait\n`);
    const followed = await nfse(['get', invoiceId, '--wait']);
    expect(followed.code).toBe(0);
    expect(followed.stdout).toContain(`${invoiceId}  ISSUED`);
  }, 60_000);

  it('shows and redrives an execution by the name the list prints; redrive --wait follows it to SUCCEEDED', async () => {
    const admin = rdsDataAdmin(testClientConfig().endpoint, e2e.app.names.dbClusterArn);
    await admin.outage(3600);
    const invoiceId = await emitted({ total: '72.00' });
    await eventually('the execution failed at its report state', async () => (await e2e.call('GET', `/executions/${invoiceId}`, ops.NFSE_TOKEN)).body.status, (status) => status === 'FAILED', { timeoutMs: 60_000 });
    await admin.resume();

    const [listed, shown] = await Promise.all([nfse(['failures', 'list'], ops), nfse(['executions', 'show', invoiceId], ops)]);
    const redriven = await nfse(['executions', 'redrive', invoiceId, '--wait'], ops);

    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`Failed executions \\(remedy: redrive\\):\\n(.+\\n)*  \\S+  ${invoiceId}  emission  FAILED at ReportIssued: \\S+\\n    redrive: npm run nfse -- executions redrive ${invoiceId}\\n`));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^${invoiceId}  FAILED  \\S+\\n`));
    expect(shown.stdout).toContain(`remedy: npm run nfse -- executions redrive ${invoiceId}`);
    expect(redriven.code).toBe(0);
    expect(redriven.stdout).toBe(`redriven: ${invoiceId}\nexecution ${invoiceId} SUCCEEDED\n`);
    const unknown = await nfse(['executions', 'show', '01ARZ3NDEKTSV4RRFFQ69G5FAV-r2'], ops);
    expect(unknown).toMatchObject({ code: 1, stderr: 'nfse: HTTP 404: Execution 01ARZ3NDEKTSV4RRFFQ69G5FAV-r2 not found\n' });
  }, 120_000);

  it('dismisses a failure and corrects-and-re-emits another from the command line', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 2, operations: ['GerarNfse'] });
    const rejected = await emitted({ total: '73.00' });
    const redescribed = await emitted({ total: '74.00' });
    await e2e.waitForStatus(rejected, ['FAILED'], 30_000);
    await e2e.waitForStatus(redescribed, ['FAILED'], 30_000);
    await eventually('both failures queued', async () => (await nfse(['failures', 'list'], ops)).stdout, (out) => out.includes(rejected) && out.includes(redescribed));

    const listed = await nfse(['failures', 'list'], ops);
    // One after the other: each takes the queue's messages in turn while it looks for its invoice's.
    const dismissed = await nfse(['failures', 'dismiss', rejected, '--reason', 'issued by hand at the city'], ops);
    const corrected = await nfse(['invoices', 'correct', redescribed, file('fix.json', { service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00' } }), '--reason', 'the city wants the service described', '--wait'], ops);

    expect(listed.stdout).toMatch(new RegExp(`  ${redescribed}  emission  open  FAILED  E160: .+\\n    next: reprocess, correct, dismiss\\n`));
    expect(dismissed).toMatchObject({ code: 0, stdout: `dismissed 1 failure of invoice ${rejected}\n` });
    expect(corrected.code).toBe(0);
    expect(corrected.stderr).toMatch(new RegExp(`^invoice ${redescribed}: RPS 1/\\d+ replaces 1/\\d+ \\(kept as replaced\\), execution ${redescribed}-r1\\n`));
    expect(corrected.stdout).toContain(`${redescribed}  ISSUED`);
    expect(corrected.stdout).toMatch(/city 3550308 .* RPS 1\/\d+ \(replaces 1\/\d+\)/);
    expect((await nfse(['failures', 'list'], ops)).stdout).not.toMatch(new RegExp(`${rejected}|${redescribed}`));
  }, 90_000);

  it('emit --wait prints each state the execution enters through the retries', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'transient5xx', count: 2, operations: ['GerarNfse'] });
    // 1.5 s (real) a call: long enough for --wait, which reads twice a second, to see each one waiting.
    e2e.app.mock.knobs.set({ latencyMs: 15_000 });

    const emittedRun = await nfse(['emit', file('retried.json', { ...INVOICE, total: '75.00' }), '--wait']);

    expect(emittedRun.code).toBe(0);
    const lines = emittedRun.stderr.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^invoice \w+ PROCESSING: RequestIssuance: waiting for the city$/));
    expect(lines).toContainEqual(expect.stringMatching(/^invoice \w+ PROCESSING: RequestIssuance: waiting for the city \(retry 2 of 5, after Provider\.Transient\)$/));
    expect(lines.at(-1)).toMatch(/^invoice \w+ ISSUED$/);
  }, 60_000);

  it('token: each one its own principal unless --sub, only the exports on stdout, and --ttl limits in words', async () => {
    const [first, second, short] = await Promise.all([nfse(['token', '--cnpj', CNPJ]), nfse(['token', '--cnpj', OTHER]), nfse(['token', '--cnpj', CNPJ, '--ttl', '30s'])]);

    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^export NFSE_TOKEN=\S+ NFSE_API_KEY=\S+ NFSE_API_URL=\S+\n$/);
    expect(first.stderr).toMatch(new RegExp(`^token for dev-client-\\w+ \\(client: ${CNPJ}\\), valid until `));
    const principalOf = (run: NfseRun): string => /^token for (\S+) /.exec(run.stderr)?.[1] ?? '';
    expect(principalOf(second)).not.toBe(principalOf(first));
    const evaluated = await shell(`eval "$(node cli/bin.js token --cnpj ${CNPJ})" && node cli/bin.js get 01ARZ3NDEKTSV4RRFFQ69G5FAV`);
    expect(evaluated.stderr).toMatch(/^token for dev-client-\w+ \(client: \d+\), valid until \S+\nnfse: HTTP 404: Invoice 01ARZ3NDEKTSV4RRFFQ69G5FAV not found\n$/);
    const firstToken = /NFSE_TOKEN=(\S+)/.exec(first.stdout)?.[1] ?? '';
    const me = await e2e.call('GET', '/me', firstToken);
    expect(me.body).toMatchObject({ principal: principalOf(first), cnpjs: [CNPJ] });
    expect(short).toMatchObject({ code: 1, stdout: '' });
    expect(short.stderr).toContain("option '--ttl <duration>' argument '30s' is invalid. a token lives at least 60 s (1m) and at most 30 days, got 30 s");
  });

  it('says what to do about an expired token, a missing API key and a principal with no grant', async () => {
    const expired = await e2e.app.issuer.sign({ sub: 'cli-ops-client', ttlSeconds: -10 });
    const ungranted = await e2e.app.issuer.sign({ sub: 'nobody-granted' });

    const [late, keyless, stranger] = await Promise.all([
      nfse(['get', '01ARZ3NDEKTSV4RRFFQ69G5FAV'], { NFSE_TOKEN: expired }),
      nfse(['get', '01ARZ3NDEKTSV4RRFFQ69G5FAV'], { NFSE_API_KEY: '' }),
      nfse(['get', '01ARZ3NDEKTSV4RRFFQ69G5FAV'], { NFSE_TOKEN: ungranted }),
    ]);

    expect(late.stderr).toBe('nfse: HTTP 401: The incoming token has expired\n  NFSE_TOKEN has expired: get a new one (locally: npm run nfse -- token --cnpj <CNPJ>) and export what it prints\n');
    expect(keyless.stderr).toBe('nfse: HTTP 403: Forbidden\n  the API refused the API key: NFSE_API_KEY is not set (`npm run nfse -- token` prints the local one; a tenant\'s admin creates one per application: nfse api-keys create)\n');
    expect(stranger.stderr).toBe('nfse: HTTP 403: Principal nobody-granted has no grant: locally, grant one with npm run nfse -- token --sub nobody-granted --cnpj <CNPJ> [--role client|viewer|admin|ops]\n');
  });

  it('cancel lists the five ABRASF codes the API takes', async () => {
    const help = await nfse(['cancel', '--help']);

    expect(help.stdout.replace(/\s+/g, ' ')).toContain('1 erro na emissão, 2 serviço não prestado, 3 erro de assinatura, 4 duplicidade da nota, 5 erro de processamento');
  });

  it('nfse mock: a rejection queued, the knobs changed and shown, and a Data API outage switched on and off', async () => {
    const failed = await nfse(['mock', 'fail', 'rejection', '--operation', 'GerarNfse']);
    const set = await nfse(['mock', 'config', '{"latencyMs": 250}']);
    const shown = await nfse(['mock', 'config']);
    // One cluster: the other suites share this cloud's Data API.
    const cluster = ['--cluster', e2e.app.names.dbClusterArn];
    const admin = rdsDataAdmin(testClientConfig().endpoint, e2e.app.names.dbClusterArn);
    const outage = await nfse(['mock', 'outage', '5m', ...cluster]);
    const state = await admin.state();
    const over = await nfse(['mock', 'outage', 'off', ...cluster]);

    expect(failed).toMatchObject({ code: 0, stdout: 'the next 1 GerarNfse call(s) fail with rejection (1 failure(s) queued)\n' });
    expect(set.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ latencyMs: 250 });
    expect(e2e.app.mock.knobs.get().latencyMs).toBe(250);
    expect(outage).toMatchObject({ code: 0, stdout: 'the RDS Data API answers 503 ServiceUnavailable for 300 s: executions fail at their report state (redrive them once it is back)\n' });
    expect(state.outage).toBe(true);
    expect(over).toMatchObject({ code: 0, stdout: 'the RDS Data API is back\n' });
    expect((await admin.state()).outage).toBe(false);
    const invoiceId = await emitted({ total: '76.00' });
    expect((await e2e.waitForStatus(invoiceId, ['FAILED'], 30_000)).error).toMatchObject({ code: 'E160' });
  }, 60_000);

  /** Runs a shell line from the repository root with this suite's environment. */
  function shell(line: string): Promise<NfseRun> {
    return new Promise((resolve) => {
      execFile('bash', ['-c', line], { cwd: path.resolve(__dirname, '../..'), env }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }));
    });
  }
});
