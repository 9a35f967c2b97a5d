import type { MunicipalityInput } from '../../contracts/municipality';
import type { MunicipalityView } from '../../contracts/municipalityView';
import { startE2eApp, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
/** The slow city: one call at a time, each made slower by the mock's latency knob. */
const SLOW = '4205407';
const INVOICES = 12;
/**
 * The mock's latency per city call, in AWS ms like every timer of the test cloud: 20 s, under the
 * adapter's 30 s call timeout, 2 s of real time at the time scale (0.1). One call at a time, the
 * city serves one invoice per 2 real seconds while the 12 arrive as fast as the API takes them.
 * The API's `oldestAgeSeconds` is wall-clock time (the SQS SentTimestamp), so real seconds.
 */
const LATENCY_MS = 20_000;

jest.setTimeout(180_000);

describe('a city slower than the arrival rate (one slot, slowed calls): its backlog, through the API the console reads', () => {
  let e2e: E2eApp;
  let client: string;

  beforeAll(async () => {
    const municipalities = (mockUrl: string): MunicipalityInput[] => [{ code: SLOW, name: 'Florianópolis', uf: 'SC', provider: 'abrasf-2.04', mode: 'sync', endpoint: `${mockUrl}/${SLOW}`, environment: 'homologacao', concurrency: 1, requires: { inscricaoMunicipal: false } }];
    e2e = await startE2eApp({ municipalities });
    client = await e2e.token('backlog-client', [CNPJ]);
  }, 120_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  it('builds a backlog the API shows (messages waiting for the slot, the oldest one\'s age), which drains with every invoice issued at its first attempt', async () => {
    e2e.app.mock.knobs.set({ latencyMs: LATENCY_MS });
    const body = { companyCnpj: CNPJ, municipalityCode: SLOW, total: '10.00', service: { code: '01.07', description: 'Suporte', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };
    const posted = Promise.all(Array.from({ length: INVOICES }, async () => String((await e2e.call('POST', '/invoices', client, body)).body.invoiceId)));

    // What the console's Municipalities page reads, while the invoices arrive and until the city issued them all and the backlog is gone.
    const seen: Array<MunicipalityView['health']['backlog']> = [];
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const listed = (await e2e.call('GET', '/municipalities', client)).body.items as MunicipalityView[];
      const backlog = listed.find((m) => m.code === SLOW)?.health.backlog;
      if (backlog !== undefined) seen.push(backlog);
      if (e2e.app.mock.stats().issued >= INVOICES && backlog?.waiting === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const ids = await posted;
    const records = await Promise.all(ids.map((id) => e2e.waitForStatus(id, ['ISSUED', 'FAILED'], 60_000)));
    const histories = await Promise.all(records.map((record) => e2e.finishedHistory(String(record.executionArn))));
    const stats = e2e.app.mock.stats();
    const peak = seen.reduce((worst, b) => (b.waiting > worst.waiting ? b : worst), { waiting: 0, oldestAgeSeconds: null, tasks: 0 });
    process.stdout.write(`city backlog: peak ${JSON.stringify(peak)}, oldest ${Math.max(...seen.map((b) => b.oldestAgeSeconds ?? 0))} s, ${seen.length} reads, answers ${JSON.stringify(seen.map((b) => b.waiting))}\n`);

    // The backlog was there: several messages waiting for the one slot, the oldest queued a while ago, from the one adapter task.
    expect(peak.waiting).toBeGreaterThanOrEqual(4);
    expect(peak.tasks).toBe(1);
    expect(Math.max(...seen.map((b) => b.oldestAgeSeconds ?? 0))).toBeGreaterThanOrEqual(5);
    // And it drained.
    expect(seen.at(-1)).toEqual({ waiting: 0, oldestAgeSeconds: null, tasks: 0 });
    // No invoice timed out in the queue: all issued, each execution's one city call answered at the first attempt, one GerarNfse per RPS.
    expect(records.map((record) => record.status)).toEqual(ids.map(() => 'ISSUED'));
    expect(histories.flatMap((history) => history.filter((event) => event.type === 'TaskTimedOut' || event.type === 'TaskFailed'))).toEqual([]);
    expect(Object.values(stats.byRps).map((rps) => rps.calls.GerarNfse)).toEqual(ids.map(() => 1));
  });
});
