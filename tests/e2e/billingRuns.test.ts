import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ENV } from '../../contracts/wiring';
import { generatedClients } from '../../local/billing-mocks/generatedUsage';
import { executionEnded } from '../harness/executionEnded';
import { startE2eApp, type E2eApp } from './e2eApp';
import { runNfse } from './runNfse';

const CNPJ = '11222333000181';

describe('billing runs through the API and the nfse CLI', () => {
  let e2e: E2eApp;
  let ops: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    e2e = await startE2eApp({ adapters: 1 });
    e2e.app.billingMocks.usage.setClients(generatedClients(4));
    ops = await e2e.token('billing-ops', [CNPJ], 'ops');
    env = { ...process.env, NFSE_API_URL: e2e.app.api.endpoint, NFSE_TOKEN: ops, NFSE_API_KEY: e2e.app.apiKey };
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  it('refuses a month that is not one, a future month and unknown companies, naming the field', async () => {
    const post = (body: unknown): ReturnType<E2eApp['call']> => e2e.call('POST', '/billing/runs', ops, body);

    expect((await post({ competencia: '2024-13' })).body).toMatchObject({ code: 'ValidationFailed', errors: [{ field: 'competencia', message: 'must be a month YYYY-MM (01 to 12)' }] });
    const future = await post({ competencia: '2999-01' });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ errors: [{ field: 'competencia', message: expect.stringMatching(/^must not be a future month \(this month is \d{4}-\d{2}\)$/) }] });
    const unknown = await post({ competencia: '2026-01', empresaIds: ['2', '77'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ errors: [{ field: 'empresaIds', message: 'the usage platform has no company 77' }] });
  });

  it('answers 409 naming the running run of the month, and 403 to a client', async () => {
    e2e.app.billingMocks.omie.setKnobs({ latencyMs: 5_000 });
    const first = await e2e.call('POST', '/billing/runs', ops, { competencia: '2026-02' });
    const second = await e2e.call('POST', '/billing/runs', ops, { competencia: '2026-02' });
    e2e.app.billingMocks.omie.setKnobs({ latencyMs: 0 });

    expect(first.status).toBe(202);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'RunInProgress', message: `A billing run of 2026-02 is running: ${String(first.body.executionArn)}`, executionArn: first.body.executionArn });
    const client = await e2e.token('billing-client', [CNPJ]);
    expect((await e2e.call('POST', '/billing/runs', client, { competencia: '2026-02' })).status).toBe(403);
    await executionEnded(e2e.sfn, String(first.body.executionArn), { timeoutMs: 120_000 });
  }, 180_000);

  it('starts a month once when two starts arrive together: one 202, one 409 naming it', async () => {
    e2e.app.billingMocks.omie.setKnobs({ latencyMs: 5_000 });
    const answers = await Promise.all([1, 2].map(() => e2e.call('POST', '/billing/runs', ops, { competencia: '2025-10' })));
    e2e.app.billingMocks.omie.setKnobs({ latencyMs: 0 });

    const started = answers.filter((answer) => answer.status === 202);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
    expect(started[0]?.body).toMatchObject({ runId: 'manual-2025-10-1', competencia: '2025-10' });
    expect(refused[0]?.body).toMatchObject({ code: 'RunInProgress', message: `A billing run of 2025-10 is running: ${String(started[0]?.body.executionArn)}` });
    await executionEnded(e2e.sfn, String(started[0]?.body.executionArn), { timeoutMs: 120_000 });
  }, 180_000);

  it('runs, lists and shows a month from the CLI, with each company’s outcome', async () => {
    const started = await runNfse(['billing', 'run', '2026-03', '--json'], env);
    expect(started.stderr).toBe('');
    const { runId, executionArn } = JSON.parse(started.stdout) as { runId: string; executionArn: string };
    expect(runId).toBe('manual-2026-03-1');
    await executionEnded(e2e.sfn, executionArn, { timeoutMs: 120_000 });

    const list = await runNfse(['billing', 'list'], env);
    expect(list.stdout.split('\n')[0]).toMatch(/^RUN\s+MONTH\s+TRIGGER\s+STATUS\s+STARTED\s+OUTCOME$/);
    expect(list.stdout).toMatch(new RegExp(`${runId}\\s+2026-03\\s+manual\\s+SUCCEEDED\\s+\\S+\\s+4 companies: 4 invoiced, 0 skipped, 0 failed`));

    const show = await runNfse(['billing', 'show', runId, '--json'], env);
    const detail = JSON.parse(show.stdout) as { status: string; companies: Array<{ empresaId: string; status: string; invoiceId?: string; nfseNumber?: string }> };
    expect(detail.status).toBe('SUCCEEDED');
    expect(detail.companies.map((c) => [c.empresaId, c.status])).toEqual([['1', 'invoiced'], ['2', 'invoiced'], ['3', 'invoiced'], ['4', 'invoiced']]);
    expect(detail.companies.every((c) => c.invoiceId !== undefined && c.nfseNumber !== undefined)).toBe(true);

    const human = await runNfse(['billing', 'show', runId], env);
    expect(human.stdout.split('\n').slice(0, 2)).toEqual([`run ${runId}: 2026-03, manual, SUCCEEDED — 4 companies: 4 invoiced, 0 skipped, 0 failed`, `execution ${executionArn}`]);

    const refused = await runNfse(['billing', 'show', 'manual-2099-01-zzzz'], env);
    expect(refused).toMatchObject({ code: 1, stderr: 'nfse: HTTP 404: Billing run manual-2099-01-zzzz not found\n' });
  }, 180_000);

  it('opens a billing run’s execution, and a CNPJ sync’s, to those who may read billing runs (ops, admins), and not to viewers or clients', async () => {
    const run = await e2e.call('GET', '/billing/runs/manual-2026-03-1', ops);
    const sync = await e2e.sfn.send(new StartExecutionCommand({ stateMachineArn: e2e.app.names.env[ENV.CnpjSyncStateMachineArn], input: JSON.stringify({ trigger: 'manual', requestId: 'billing-runs-access' }) }));
    await executionEnded(e2e.sfn, String(sync.executionArn), { timeoutMs: 120_000 });
    const admin = await e2e.token('billing-admin', [CNPJ], 'admin');
    const viewer = await e2e.token('billing-viewer', [CNPJ], 'viewer');
    const client = await e2e.token('billing-executions-client', [CNPJ]);

    for (const executionArn of [String(run.body.executionArn), String(sync.executionArn)]) {
      const read = (token: string): ReturnType<E2eApp['call']> => e2e.call('GET', `/executions/${encodeURIComponent(executionArn)}`, token);
      const [byOps, byAdmin, byViewer, byClient] = await Promise.all([read(ops), read(admin), read(viewer), read(client)]);

      expect([byOps, byAdmin].map((answer) => ({ status: answer.status, executionArn: answer.body.executionArn, executionStatus: answer.body.status }))).toEqual([
        { status: 200, executionArn, executionStatus: 'SUCCEEDED' },
        { status: 200, executionArn, executionStatus: 'SUCCEEDED' },
      ]);
      expect(byViewer).toMatchObject({ status: 404, body: { code: 'NotFound', message: `Execution ${executionArn} not found` } });
      // The route table lets no client read executions at all.
      expect(byClient.status).toBe(403);
    }
  }, 180_000);

  it('pages the runs newest first with a sealed nextToken, from the API and the CLI, and refuses a token it did not give', async () => {
    const page = async (query: string): Promise<{ status: number; body: { items?: Array<{ runId: string }>; nextToken?: string; errors?: unknown } }> => {
      const answer = await e2e.call('GET', `/billing/runs${query}`, ops);
      return { status: answer.status, body: answer.body as { items?: Array<{ runId: string }>; nextToken?: string } };
    };

    const first = await page('?limit=2');
    expect(first.body.items?.map((run) => run.runId)).toEqual(['manual-2026-03-1', 'manual-2025-10-1']);
    expect(first.body.nextToken).toEqual(expect.any(String));
    const second = await page(`?limit=2&nextToken=${encodeURIComponent(String(first.body.nextToken))}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ runId: 'manual-2026-02-1' })] });
    const executions = await e2e.call('GET', '/executions?limit=1', ops);
    for (const token of ['made-up', String(executions.body.nextToken)]) {
      const refused = await page(`?nextToken=${encodeURIComponent(token)}`);
      expect(refused).toEqual({ status: 400, body: expect.objectContaining({ code: 'ValidationFailed', errors: [{ field: 'nextToken', message: 'is not a token this API gave out for this listing' }] }) });
    }

    const cli = await runNfse(['billing', 'list', '--limit', '2'], env);
    const more = /^more: nfse billing list --next-token (\S+)$/m.exec(cli.stdout);
    expect(more?.[1]).toEqual(expect.any(String));
    const next = await runNfse(['billing', 'list', '--limit', '2', '--next-token', String(more?.[1])], env);
    expect(next.stdout.trimEnd().split('\n').slice(1).map((line) => line.split(/\s+/)[0])).toEqual(['manual-2026-02-1']);
  }, 60_000);
});
