import { OmieMock } from '../../../local/billing-mocks/OmieMock';
import { startBillingMocks, type BillingMocks } from '../../../local/billing-mocks/startBillingMocks';

const KEY = { app_key: 'k', app_secret: 's' };
const upsert = (cnpj: string, razao = 'Cliente Ltda'): unknown => ({ call: 'UpsertClienteCpfCnpj', ...KEY, param: [{ codigo_cliente_integracao: `C-${cnpj}`, cnpj_cpf: cnpj, razao_social: razao }] });
const CLIENTES = '/api/v1/geral/clientes/';

describe('OmieMock', () => {
  let now: number;
  let mock: OmieMock;
  beforeEach(() => {
    now = 1_000_000;
    mock = new OmieMock({ appKey: 'k', appSecret: 's', now: () => now, random: () => 0.5 });
  });

  it('refuses the same call with the same parameters within 60 s, and takes it after', () => {
    expect(mock.handle(CLIENTES, upsert('11222333000181')).status).toBe(200);
    now += 59_000;
    expect(mock.handle(CLIENTES, upsert('11222333000181'))).toEqual({
      status: 425,
      body: { faultcode: 'SOAP-ENV:Client-6', faultstring: 'ERROR: Consumo redundante detectado para o método [UpsertClienteCpfCnpj]. Aguarde 1 segundos para realizar a mesma requisição novamente.' },
    });
    expect(mock.handle(CLIENTES, upsert('11222333000181', 'Outra Razão')).status).toBe(200);
    now += 1_000;
    expect(mock.handle(CLIENTES, upsert('11222333000181')).status).toBe(200);
  });

  it('does not count a call it failed with a 5xx as consumed', () => {
    mock.setKnobs({ faults: { 'C-11222333000181': { kind: 'transient', times: 1 } } });
    expect(mock.handle(CLIENTES, upsert('11222333000181')).status).toBe(500);
    expect(mock.handle(CLIENTES, upsert('11222333000181')).status).toBe(200);
  });

  it('throttles past its calls a minute, and lets calls through once the minute has passed', () => {
    mock.setKnobs({ rateLimitPerMinute: 2, redundantWindowSeconds: 0 });
    expect(mock.handle(CLIENTES, upsert('11222333000181')).status).toBe(200);
    expect(mock.handle(CLIENTES, upsert('11222333000181')).status).toBe(200);
    expect(mock.handle(CLIENTES, upsert('11222333000181')).status).toBe(429);
    now += 60_000;
    expect(mock.handle(CLIENTES, upsert('11222333000181')).status).toBe(200);
    expect(mock.snapshot()).toEqual({ calls: { UpsertClienteCpfCnpj: 4 }, faults: { rateLimited: 1 }, contracts: 0, clients: 1, clientsCreated: 1, clientsUpdated: 2 });
  });

  it('fails a share of calls with a 5xx at random', () => {
    mock.setKnobs({ transientRate: 0.6 });
    expect(mock.handle(CLIENTES, upsert('11222333000181')).status).toBe(500);
    mock.setKnobs({ transientRate: 0.4 });
    expect(mock.handle(CLIENTES, upsert('11222333000181')).status).toBe(200);
  });

  it('refuses an invalid CNPJ, an unknown call and a bad envelope as client faults', () => {
    expect(mock.handle(CLIENTES, upsert('11222333000182')).body).toEqual({ faultcode: 'SOAP-ENV:Client-104', faultstring: 'ERROR: CNPJ/CPF [11222333000182] inválido!' });
    expect(mock.handle(CLIENTES, { call: 'ExcluirCliente', ...KEY, param: [{}] }).body).toEqual({ faultcode: 'SOAP-ENV:Client-113', faultstring: 'ERROR: Método [ExcluirCliente] não existe neste serviço!' });
    expect(mock.handle(CLIENTES, { call: 'UpsertClienteCpfCnpj' }).status).toBe(500);
  });
});

describe('the billing mocks over HTTP', () => {
  let mocks: BillingMocks;
  beforeAll(async () => {
    mocks = await startBillingMocks({ port: 0 });
  });
  afterAll(() => mocks.stop());
  const admin = (path: string, body?: unknown): Promise<Response> =>
    fetch(`${mocks.usageUrl.replace(/\/usage$/, '')}/_mock/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('sets knobs and answers stats under /_mock', async () => {
    const set = await admin('omie/config', { rateLimitPerMinute: 10 });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ latencyMs: 0, rateLimitPerMinute: 10, redundantWindowSeconds: 60, transientRate: 0, faults: {} });
    expect(await (await admin('usage/stats')).json()).toEqual({ calls: {}, faults: {} });
  });

  it('refuses a bad knob with 400 naming it', async () => {
    const refused = await admin('usage/config', { transientRate: 2 });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain('"transientRate"');
  });

  it('answers the usage platform as JSON behind its token', async () => {
    const page = await fetch(`${mocks.usageUrl}/v1/volumetria/pixpay?competencia=2026-13`, { headers: { authorization: `Bearer ${mocks.credentials.usageToken}` } });
    expect(page.status).toBe(400);
    expect(await page.json()).toEqual({ erro: "competencia inválida: '2026-13' (use AAAA-MM)" });
  });
});
