import type { MunicipalityInput } from '../../contracts/municipality';
import type { MunicipalityView } from '../../contracts/municipalityView';
import { WORKER_DEFAULTS } from '../../adapter-container/worker/AdapterWorker';
import { eventually } from '../harness/eventually';
import { startE2eApp, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
/** The slow city: one slot, each call slowed by the mock. */
const SLOW = '4205407';
/** The fast city: no added latency, eight calls at once. */
const FAST = '3550308';
/**
 * The mock's latency for the slow city, in AWS ms like every timer of the test cloud: 20 s, under
 * the adapter's 30 s call timeout, 2 s of real time at the time scale (0.1).
 */
const SLOW_LATENCY_MS = 20_000;
/**
 * Past what one task's 10 places hold and past the emission's HeartbeatSeconds (300): one call at
 * a time, the last of 28 is answered ~560 s of AWS time after it was queued (under the state's
 * TimeoutSeconds, 900). Were the messages the task cannot hold left in the queue, where nothing
 * heartbeats them, the 25th and later would wait more than 15 calls (300 s) there and time out.
 */
const SLOW_INVOICES = 28;
const FAST_INVOICES = 3;

jest.setTimeout(300_000);

describe('a slow city flooded beside a fast one, on one adapter task', () => {
  let e2e: E2eApp;
  let client: string;

  beforeAll(async () => {
    const city = (mockUrl: string, code: string, name: string, uf: string, concurrency: number): MunicipalityInput => ({ code, name, uf, provider: 'abrasf-2.04', mode: 'sync', endpoint: `${mockUrl}/${code}`, environment: 'homologacao', concurrency, requires: { inscricaoMunicipal: false } });
    e2e = await startE2eApp({ municipalities: (mockUrl) => [city(mockUrl, SLOW, 'Florianópolis', 'SC', 1), city(mockUrl, FAST, 'São Paulo', 'SP', 8)] });
    client = await e2e.token('slow-city-client', [CNPJ]);
  }, 120_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  const body = (municipalityCode: string): Record<string, unknown> => ({ companyCnpj: CNPJ, municipalityCode, total: '10.00', service: { code: '01.07', description: 'Suporte', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } });
  const post = async (municipalityCode: string): Promise<string> => {
    const response = await e2e.call('POST', '/invoices', client, body(municipalityCode));
    expect(response.status).toBe(201);
    return String(response.body.invoiceId);
  };
  const issuedAt = (code: string): number => Object.entries(e2e.app.mock.stats().byRps).filter(([key]) => key.startsWith(`${code}/`)).reduce((sum, [, rps]) => sum + rps.nfseIssued, 0);
  /** The slow city's backlog as the console's Municipalities page reads it. */
  const backlog = async (): Promise<MunicipalityView['health']['backlog'] | undefined> => ((await e2e.call('GET', '/municipalities', client)).body.items as MunicipalityView[]).find((m) => m.code === SLOW)?.health.backlog;

  it("issues the fast city's invoices at once while the slow city's backlog, larger than the task's places, waits in the task and drains with none timed out", async () => {
    e2e.app.mock.knobs.set({ cityLatencyMs: { [SLOW]: SLOW_LATENCY_MS } });
    const slow = await Promise.all(Array.from({ length: SLOW_INVOICES }, () => post(SLOW)));
    // The slow city's first call is at the city, its backlog in the task, before the fast city's invoices come.
    await eventually('the slow city called', () => e2e.app.mock.stats().calls.GerarNfse ?? 0, (calls) => calls >= 1, { timeoutMs: 30_000 });

    const fast = await Promise.all(Array.from({ length: FAST_INVOICES }, () => post(FAST)));
    const slowIssuedWhenFastWas = await Promise.all(
      fast.map(async (invoiceId) => {
        const record = await e2e.waitForStatus(invoiceId, ['ISSUED', 'FAILED'], 60_000);
        return { status: record.status, slowIssued: issuedAt(SLOW) };
      }),
    );

    // What the console shows while the slow city drains, until none waits.
    const seen: Array<NonNullable<Awaited<ReturnType<typeof backlog>>>> = [];
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      const current = await backlog();
      if (current !== undefined) seen.push(current);
      if (issuedAt(SLOW) >= SLOW_INVOICES && current?.waiting === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const slowRecords = await Promise.all(slow.map((invoiceId) => e2e.waitForStatus(invoiceId, ['ISSUED', 'FAILED'], 60_000)));
    const histories = await Promise.all(slowRecords.map((record) => e2e.finishedHistory(String(record.executionArn))));
    const peak = Math.max(...seen.map((b) => b.waiting));
    process.stdout.write(`slow city beside a fast one: slow invoices issued when each fast one was ${JSON.stringify(slowIssuedWhenFastWas.map((s) => s.slowIssued))} of ${SLOW_INVOICES}; backlog peak ${peak} waiting, oldest ${Math.max(...seen.map((b) => b.oldestAgeSeconds ?? 0))} s (real), ${seen.length} reads\n`);

    // The fast city did not wait behind the slow city's backlog: its invoices issued while the slow city had answered only a few.
    expect(slowIssuedWhenFastWas.map((s) => s.status)).toEqual(fast.map(() => 'ISSUED'));
    expect(Math.max(...slowIssuedWhenFastWas.map((s) => s.slowIssued))).toBeLessThan(SLOW_INVOICES / 4);
    // The backlog waited in the task, more of it than the task's places, as the console showed; then it drained.
    expect(peak).toBeGreaterThan(WORKER_DEFAULTS.maxInFlight);
    expect(seen.at(-1)).toEqual({ waiting: 0, oldestAgeSeconds: null, tasks: 0 });
    // No invoice timed out in the queue: every one issued at its first attempt, one GerarNfse per RPS.
    expect(slowRecords.map((record) => record.status)).toEqual(slow.map(() => 'ISSUED'));
    expect(histories.flatMap((history) => history.filter((event) => event.type === 'TaskTimedOut' || event.type === 'TaskFailed'))).toEqual([]);
    expect(Object.values(e2e.app.mock.stats().byRps).map((rps) => rps.calls.GerarNfse)).toEqual([...slow, ...fast].map(() => 1));
  });
});
