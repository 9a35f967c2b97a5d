import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CompanyInput } from '../../contracts/company';
import type { MunicipalityInput } from '../../contracts/municipality';
import type { MunicipalityView } from '../../contracts/municipalityView';
import { INVOICE_INDEXES } from '../../contracts/invoiceRecord';
import { builtInMunicipalities } from '../../lib/municipalities/builtInMunicipalities';
import { DEMO_COMPANY } from '../../local/app/demoInvoice';
import { seedCompany } from '../../local/app/seedCompany';
import { testClientConfig } from '../harness/localCloudEnv';
import { startE2eApp, type E2eApp } from './e2eApp';
import { eventually } from '../harness/eventually';
import { runNfse } from './runNfse';

const CNPJ = '11222333000181';
/** A company with no inscrição municipal (not a dev company: the app seeds those whole). */
const NO_IM_CNPJ = '11222336000115';
const SAO_PAULO = '3550308';
/** In the built-in list, not in this suite's registry file. */
const RIO = '3304557';
/** Unsigned, no inscrição municipal; cancels with codes 1 and 2 only, and a 15–255 character reason. */
const CURITIBA = '4106902';
/** A city of its own for the failures, so they do not mix with the other cities' health. */
const FLORIANOPOLIS = '4205407';

/** The registry file of this suite: São Paulo as built in, and two cities only the file has. */
function municipalities(mockUrl: string): MunicipalityInput[] {
  const saoPaulo = builtInMunicipalities(mockUrl).find((city) => city.code === SAO_PAULO);
  if (saoPaulo === undefined) throw new Error('São Paulo is not built in');
  const city = (code: string, name: string): MunicipalityInput => ({ code, name, uf: code === CURITIBA ? 'PR' : 'SC', provider: 'abrasf-2.04', mode: 'sync', endpoint: `${mockUrl}/${code}`, environment: 'homologacao', concurrency: 2 });
  return [
    saoPaulo,
    { ...city(CURITIBA, 'Curitiba'), dialect: 'ginfes', requires: { inscricaoMunicipal: false }, cancellation: { by: 'city', reasonCodes: [1, 2], reasonText: { minLength: 15, maxLength: 255 } } },
    city(FLORIANOPOLIS, 'Florianópolis'),
  ];
}

function invoice(cnpj: string, municipalityCode: string): Record<string, unknown> {
  return { companyCnpj: cnpj, municipalityCode, total: '25.00', service: { code: '01.07', description: 'Suporte', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };
}

describe('the municipality registry as the API sees it (a MUNICIPALITIES_FILE the adapters read too, the API in a process of its own as npm start runs it)', () => {
  let e2e: E2eApp;
  let client: string;
  let viewer: string;

  beforeAll(async () => {
    e2e = await startE2eApp({ municipalities, apiProcess: 'child-process' });
    client = await e2e.token('municipalities-client', [CNPJ]);
    viewer = await e2e.token('municipalities-viewer', [CNPJ], 'viewer');
    const { inscricaoMunicipal: _none, ...withoutIm }: CompanyInput = DEMO_COMPANY;
    await seedCompany(testClientConfig().endpoint, e2e.app.names.companiesTable, NO_IM_CNPJ, withoutIm);
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  async function invoicesOf(cnpj: string): Promise<unknown[]> {
    const { Items } = await e2e.ddb.send(new QueryCommand({ TableName: e2e.app.names.invoicesTable, IndexName: INVOICE_INDEXES.byCompany, KeyConditionExpression: 'companyCnpj = :cnpj', ExpressionAttributeValues: { ':cnpj': cnpj } }));
    return Items ?? [];
  }

  it('lists the cities of the file, with what they do and require, and nothing only the adapters need', async () => {
    const response = await e2e.call('GET', '/municipalities', viewer);

    expect(response.status).toBe(200);
    const items = response.body.items as MunicipalityView[];
    expect(items.map((m) => m.code)).toEqual([SAO_PAULO, CURITIBA, FLORIANOPOLIS]);
    expect(items[1]).toEqual({
      code: CURITIBA,
      name: 'Curitiba',
      uf: 'PR',
      provider: 'abrasf-2.04',
      dialect: 'ginfes',
      environment: 'homologacao',
      mode: 'sync',
      capabilities: {
        signing: { algorithm: 'rsa-sha256', elements: [] },
        mtls: false,
        cancellation: { by: 'city', reasonCodes: [1, 2], reasonText: { minLength: 15, maxLength: 255 } },
        substitution: false,
        requires: { inscricaoMunicipal: false, certificate: false },
        limits: { concurrency: 2 },
      },
      health: {
        asOf: expect.any(String),
        last5Minutes: { minutes: 5, calls: 0, errors: 0, rejected: 0, errorRate: null, p95LatencyMs: null },
        last15Minutes: { minutes: 15, calls: 0, errors: 0, rejected: 0, errorRate: null, p95LatencyMs: null },
        circuit: 'closed',
        backlog: { waiting: 0, oldestAgeSeconds: null, tasks: 0 },
      },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/endpoint|127\.0\.0\.1|caFile/);
  });

  it('answers one city by code, 404 for one the file does not have, 400 naming a malformed code', async () => {
    const saoPaulo = await e2e.call('GET', `/municipalities/${SAO_PAULO}`, client);
    const rio = await e2e.call('GET', `/municipalities/${RIO}`, client);
    const malformed = await e2e.call('GET', '/municipalities/35503', client);

    expect(saoPaulo.status).toBe(200);
    expect(saoPaulo.body).toMatchObject({ code: SAO_PAULO, name: 'São Paulo', capabilities: { mtls: false, requires: { inscricaoMunicipal: true, certificate: true }, limits: { concurrency: 8, ratePerSecond: 20 } } });
    expect([rio.status, rio.body.code, rio.body.message]).toEqual([404, 'NotFound', `Municipality ${RIO} is not supported (GET /municipalities lists the supported ones)`]);
    expect([malformed.status, malformed.body.errors]).toEqual([400, [{ field: 'code', message: 'must be the 7-digit IBGE municipality code' }]]);
  });

  it('refuses an invoice for a city the adapters do not serve with 422, before anything is written', async () => {
    const response = await e2e.call('POST', '/invoices', client, invoice(CNPJ, RIO));

    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'MunicipalityNotSupported',
      message: `Municipality ${RIO} is not supported: GET /municipalities lists the supported ones`,
      errors: [{ field: 'municipalityCode', message: 'is not a supported municipality (GET /municipalities)' }],
    });
    expect(await invoicesOf(CNPJ)).toEqual([]);
  });

  it('refuses a company without the inscrição municipal São Paulo requires, and issues its invoice in Curitiba, which requires none', async () => {
    const token = await e2e.token('municipalities-no-im', [NO_IM_CNPJ], 'client', { companies: false });

    const refused = await e2e.call('POST', '/invoices', token, invoice(NO_IM_CNPJ, SAO_PAULO));
    const accepted = await e2e.call('POST', '/invoices', token, invoice(NO_IM_CNPJ, CURITIBA));

    expect([refused.status, refused.body.code, refused.body.errors]).toEqual([
      422,
      'CompanyRequirementMissing',
      [{ field: 'companyCnpj', message: `its company record has no inscricaoMunicipal, which São Paulo (3550308) requires (PATCH /companies/${NO_IM_CNPJ})` }],
    ]);
    expect(accepted.status).toBe(201);
    await e2e.waitForStatus(String(accepted.body.invoiceId), ['ISSUED']);
  });

  it('cancels with the codes and the reason the invoice\'s city takes, and answers 400 naming them otherwise', async () => {
    const created = await e2e.call('POST', '/invoices', client, invoice(CNPJ, CURITIBA));
    const invoiceId = String(created.body.invoiceId);
    await e2e.waitForStatus(invoiceId, ['ISSUED']);

    const otherCode = await e2e.call('POST', `/invoices/${invoiceId}/cancel`, client, { reasonCode: 4, reason: 'serviço não foi prestado' });
    const shortReason = await e2e.call('POST', `/invoices/${invoiceId}/cancel`, client, { reasonCode: 2, reason: 'desistência' });
    const accepted = await e2e.call('POST', `/invoices/${invoiceId}/cancel`, client, { reasonCode: 2, reason: 'o tomador desistiu do serviço' });

    expect([otherCode.status, otherCode.body.errors]).toEqual([400, [{ field: 'reasonCode', message: 'must be one of 1, 2 for Curitiba (4106902)' }]]);
    expect([shortReason.status, shortReason.body.errors]).toEqual([400, [{ field: 'reason', message: 'must be 15 to 255 characters for Curitiba (4106902), got 11' }]]);
    expect(accepted.status).toBe(202);
    const record = await e2e.waitForStatus(invoiceId, ['CANCELLED']);
    expect(record.cancellation).toMatchObject({ reasonCode: 2, reason: 'o tomador desistiu do serviço' });
  });

  it('reports the calls the adapters made to a city: counts, error rate, p95, a closed circuit', async () => {
    const created = await e2e.call('POST', '/invoices', client, invoice(CNPJ, SAO_PAULO));
    await e2e.waitForStatus(String(created.body.invoiceId), ['ISSUED']);

    const health = await eventually(
      'São Paulo\'s health counting the call',
      async () => ((await e2e.call('GET', `/municipalities/${SAO_PAULO}`, client)).body as unknown as MunicipalityView).health,
      (h: MunicipalityView['health']) => h.last5Minutes.calls >= 1,
    );

    expect(health).toMatchObject({ last5Minutes: { errors: 0, errorRate: 0, p95LatencyMs: expect.any(Number) }, circuit: 'closed' });
    expect(health.last15Minutes.calls).toBeGreaterThanOrEqual(health.last5Minutes.calls);
  });

  it('opens the circuit of a city whose system stopped answering', async () => {
    // Every attempt the state machine makes (the first and its 5 retries) gets a 503.
    e2e.app.mock.knobs.failNext({ kind: 'transient5xx', count: 6, operations: ['GerarNfse'] });
    const created = await e2e.call('POST', '/invoices', client, invoice(CNPJ, FLORIANOPOLIS));
    await e2e.waitForStatus(String(created.body.invoiceId), ['FAILED'], 60_000);

    const health = await eventually(
      'Florianópolis\'s health counting the six failures',
      async () => ((await e2e.call('GET', `/municipalities/${FLORIANOPOLIS}`, client)).body as unknown as MunicipalityView).health,
      (h: MunicipalityView['health']) => h.last5Minutes.calls >= 6,
    );

    expect(health).toMatchObject({ last5Minutes: { calls: 6, errors: 6, rejected: 0, errorRate: 1 }, circuit: 'open' });
    const listed = (await e2e.call('GET', '/municipalities', viewer)).body.items as MunicipalityView[];
    expect(listed.map((m) => [m.code, m.health.circuit])).toEqual([[SAO_PAULO, 'closed'], [CURITIBA, 'closed'], [FLORIANOPOLIS, 'open']]);
  }, 90_000);

  describe('nfse municipalities', () => {
    const nfse = (args: readonly string[]): ReturnType<typeof runNfse> => runNfse(args, { ...process.env, NFSE_API_URL: e2e.app.api.endpoint, NFSE_API_KEY: e2e.app.apiKey, NFSE_TOKEN: viewer });

    it('lists the registry and shows one city, in JSON too', async () => {
      const list = await nfse(['municipalities', 'list']);
      const get = await nfse(['municipalities', 'get', CURITIBA]);
      const json = await nfse(['municipalities', 'get', CURITIBA, '--json']);

      expect(list.code).toBe(0);
      expect(list.stdout.trim().split('\n').map((line) => line.split(/\s{2,}/).slice(0, 5))).toEqual([
        [SAO_PAULO, 'São Paulo/SP', 'abrasf-2.04', 'homologacao', 'sync'],
        [CURITIBA, 'Curitiba/PR', 'abrasf-2.04', 'homologacao', 'sync'],
        [FLORIANOPOLIS, 'Florianópolis/SC', 'abrasf-2.04', 'homologacao', 'sync'],
      ]);
      expect(get.code).toBe(0);
      expect(get.stdout).toContain('  cancellation  by the city, codes 1, 2, a reason of 15-255 characters\n');
      expect(get.stdout).toContain('  companies     must hold nothing more\n');
      expect(JSON.parse(json.stdout)).toMatchObject({ code: CURITIBA, capabilities: { requires: { inscricaoMunicipal: false, certificate: false } } });
    });

    it('names the problem: a malformed code before any call, an unknown one with the API\'s 404', async () => {
      const malformed = await nfse(['municipalities', 'get', '41069']);
      const unknown = await nfse(['municipalities', 'get', RIO]);

      expect([malformed.code, malformed.stderr.trim()]).toEqual([1, "error: command-argument value '41069' is invalid for argument 'code'. must be the 7-digit IBGE code"]);
      expect([unknown.code, unknown.stderr.trim()]).toEqual([1, `nfse: HTTP 404: Municipality ${RIO} is not supported (GET /municipalities lists the supported ones)`]);
    });

    it('says in cancel --help that the codes are the city\'s', async () => {
      const help = (await nfse(['cancel', '--help'])).stdout.replace(/\s+/g, ' ');

      expect(help).toContain('`nfse municipalities get CODE` lists them');
      expect(help).toContain('national 1 erro na emissão, 2 serviço não prestado, 9 outros, with a --reason of 15-255 characters');
      expect(help).toContain("--reason-code <n> the city's cancellation code (checked against the invoice's city before sending, as the API checks it: its 400 names the codes)");
    });

    it('refuses, before sending anything, a cancel code or reason the invoice\'s city does not take, in the API\'s words', async () => {
      const created = await e2e.call('POST', '/invoices', client, invoice(CNPJ, CURITIBA));
      const invoiceId = String(created.body.invoiceId);
      await e2e.waitForStatus(invoiceId, ['ISSUED']);
      const asClient = (args: readonly string[]): ReturnType<typeof runNfse> => runNfse(args, { ...process.env, NFSE_API_URL: e2e.app.api.endpoint, NFSE_API_KEY: e2e.app.apiKey, NFSE_TOKEN: client });

      const refused = await asClient(['cancel', invoiceId, '--reason-code', '4', '--reason', 'desistência']);

      expect([refused.code, refused.stderr]).toEqual([
        1,
        `nfse: invoice ${invoiceId} cannot be cancelled so:\n  --reason-code must be one of 1, 2 for Curitiba (4106902)\n  --reason must be 15 to 255 characters for Curitiba (4106902), got 11\n`,
      ]);
      const record = await e2e.waitForStatus(invoiceId, ['ISSUED']);
      expect(record.cancellation).toBeUndefined();
    });
  });
});
