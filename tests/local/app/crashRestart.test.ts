import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AbrasfSoapTransport } from '../../../adapter-container/providers/abrasf-2.04/AbrasfSoapTransport';
import { cabecalhoXml, consultarNfseRpsEnvioXml } from '../../../adapter-container/xml/abrasfMessages';
import type { InvoiceView } from '../../../contracts/apiResponses';
import { DEMO_CNPJ, DEMO_INVOICE } from '../../../local/app/demoInvoice';
import type { ProviderMockStatsSnapshot } from '../../../local/provider-mock/MockStats';
import { ensureConsoleBuilt } from '../../../local/web/buildConsole';
import { freePorts, killGroup, processesInGroup, startStack, waitFor, type StackPorts, type StackProcess } from './stackProcess';

jest.setTimeout(300_000);

const INVOICES = 30;
const TIME_SCALE = 0.1;
/** 1.5 s of city latency at time scale 0.1: many calls in flight at the kill. */
const CITY_LATENCY_MS = 15_000;
const FINAL = new Set(['ISSUED', 'FAILED']);

describe('the whole local stack SIGKILLed with invoices in flight, then restarted on the same --data', () => {
  let dataDir: string;
  let ports: StackPorts;
  let stack: StackProcess | undefined;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'crash-restart-'));
    const [edge = 0, api = 0, console = 0, mock = 0, mockTls = 0] = await freePorts(5);
    ports = { edge, api, console, mock, mockTls };
  }, 180_000);

  afterAll(async () => {
    if (stack !== undefined) {
      const group = stack.pgid;
      killGroup(group, 'SIGTERM');
      await waitFor(() => processesInGroup(group).length === 0, 60_000, () => processesInGroup(group).join('; ')).catch(() => killGroup(group, 'SIGKILL'));
    }
    await fs.rm(dataDir, { recursive: true, force: true });
  }, 90_000);

  const api = async <T>(method: string, urlPath: string, running: StackProcess, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`http://127.0.0.1:${ports.api}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${running.token}`, 'x-api-key': running.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  /** The NFS-e the city keeps for RPS `numero` of the demo company (series 1), as ConsultarNfsePorRps answers. */
  const cityNfse = async (numero: number): Promise<{ numero?: string; codigoVerificacao?: string }> => {
    const city = await AbrasfSoapTransport.create({ endpoint: `http://127.0.0.1:${ports.mock}/nfse/${DEMO_INVOICE.municipalityCode}`, timeoutMs: 10_000 });
    const xml = await city.call('ConsultarNfsePorRps', cabecalhoXml(), consultarNfseRpsEnvioXml({ serie: DEMO_INVOICE.rpsSeries ?? '1', numero }, DEMO_CNPJ), false);
    return { numero: /<InfNfse Id="Nfse\d+"><Numero>(\d+)<\/Numero>/.exec(xml)?.[1], codigoVerificacao: /<CodigoVerificacao>(\w+)</.exec(xml)?.[1] };
  };
  const mockStats = async (): Promise<ProviderMockStatsSnapshot> => (await fetch(`http://127.0.0.1:${ports.mock}/_mock/stats`)).json() as Promise<ProviderMockStatsSnapshot>;

  it('loses no invoice, issues none twice, and every NFS-e number is the one the city keeps for its RPS', async () => {
    const started = Date.now();
    const first = await startStack({ via: 'node', ports, dataDir, timeScale: TIME_SCALE, adapters: 2 });
    stack = first;
    const configured = await fetch(`http://127.0.0.1:${ports.mock}/_mock/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: CITY_LATENCY_MS }) });
    expect(configured.status).toBe(200);
    const created = await Promise.all(Array.from({ length: INVOICES }, () => api<{ invoiceId: string }>('POST', '/invoices', first, DEMO_INVOICE)));
    expect(created.map((answer) => answer.status)).toEqual(created.map(() => 201));
    const ids = created.map((answer) => answer.body.invoiceId);
    // Kill once the city has issued a few (and told us which): the rest are queued, at the city, or between.
    await waitFor(async () => (await mockStats()).issued >= 3, 60_000, () => 'the city issued fewer than 3 NFS-e');
    const atKill = await mockStats();
    const issuedBefore = Object.entries(atKill.byRps).filter(([, rps]) => rps.nfseIssued > 0).map(([key]) => Number(key.split('/')[3]));
    const before = await Promise.all(issuedBefore.map(async (numero) => [numero, await cityNfse(numero)] as const));
    killGroup(first.pgid, 'SIGKILL');
    await waitFor(() => processesInGroup(first.pgid).length === 0, 30_000, () => processesInGroup(first.pgid).join('; '));

    const restarted = Date.now();
    const second = await startStack({ via: 'node', ports, dataDir, timeScale: TIME_SCALE, adapters: 2 });
    stack = second;
    const ready = Date.now();
    const statsAfterRestart = await mockStats();
    let invoices: InvoiceView[] = [];
    await waitFor(
      async () => {
        invoices = await Promise.all(ids.map(async (id) => (await api<InvoiceView>('GET', `/invoices/${id}`, second)).body));
        return invoices.every((invoice) => FINAL.has(invoice.status));
      },
      120_000,
      () => invoices.filter((invoice) => !FINAL.has(invoice.status)).map((invoice) => `${invoice.invoiceId} ${invoice.status}`).join(', '),
    );
    const settled = Date.now();
    const stats = await mockStats();
    const cityNumbers = await Promise.all(invoices.map(async (invoice) => (await cityNfse(invoice.rps.numero)).numero));
    const after = await Promise.all(before.map(async ([numero]) => [numero, await cityNfse(numero)] as const));
    process.stdout.write(
      `crash and restart: ${INVOICES} invoices, ${atKill.issued} issued at the kill; first start to kill ${((restarted - started) / 1000).toFixed(1)} s; restarted stack ready in ${((ready - restarted) / 1000).toFixed(1)} s, every invoice final ${((settled - ready) / 1000).toFixed(1)} s later\n`,
    );

    expect(atKill.issued).toBeLessThan(INVOICES);
    expect(before.length).toBeGreaterThanOrEqual(3);
    // The city remembered what it issued before the crash: the same NFS-e (number and verification code) for each RPS.
    expect(after).toEqual(before);
    expect(statsAfterRestart.issued).toBeGreaterThanOrEqual(atKill.issued);
    expect(invoices.map((invoice) => invoice.status)).toEqual(ids.map(() => 'ISSUED'));
    expect(stats.issued).toBe(INVOICES);
    expect(Object.values(stats.byRps).map((rps) => rps.nfseIssued)).toEqual(ids.map(() => 1));
    expect(new Set(invoices.map((invoice) => invoice.nfseNumber)).size).toBe(INVOICES);
    expect(invoices.map((invoice) => invoice.nfseNumber)).toEqual(cityNumbers);
  });
});
