import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startE2eApp, statesEntered, taskFailures, type E2eApp } from './e2eApp';

/** A company per case, so that each case's invoices are its cities' first RPS. */
const COMPANIES = { rio: '11222334000126', beloHorizonte: '11222335000170', mismatch: '11222336000115' } as const;
const SAO_PAULO = '3550308';
const RIO = '3304557';
const BELO_HORIZONTE = '3106200';

/** The README's body, for a company, in a city and with a total of our choosing. */
const invoice = (companyCnpj: string, municipalityCode: string, total: string): Record<string, unknown> => ({
  companyCnpj,
  municipalityCode,
  total,
  service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00' },
  tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
});

/** The text of the first `<name>` element (any namespace prefix) of `xml`. */
function firstText(xml: string, name: string): string | undefined {
  return new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1];
}

/** The text of `<inner>` inside the first `<outer>` of `xml`. */
function textIn(xml: string, outer: string, inner: string): string | undefined {
  const section = new RegExp(`<(?:\\w+:)?${outer}>([\\s\\S]*?)</(?:\\w+:)?${outer}>`).exec(xml)?.[1];
  return section === undefined ? undefined : firstText(section, inner);
}

describe('one company, several cities: every invoice gets its own NFS-e', () => {
  let e2e: E2eApp;
  let token: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    token = await e2e.token('cross-city-client', Object.values(COMPANIES));
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  afterEach(() => {
    e2e.app.mock.reset();
  });

  async function emit(body: Record<string, unknown>): Promise<string> {
    const response = await e2e.call('POST', '/invoices', token, body);
    expect(response.status).toBe(201);
    return String(response.body.invoiceId);
  }

  it.each([
    ['Rio de Janeiro', RIO, COMPANIES.rio],
    ['Belo Horizonte (asynchronous)', BELO_HORIZONTE, COMPANIES.beloHorizonte],
  ])('issues São Paulo’s RPS 1 and then %s’s RPS 1 as two NFS-e, each with its own city, value and time', async (_name, otherCity, company) => {
    const first = await e2e.waitForStatus(await emit(invoice(company, SAO_PAULO, '150.00')), ['ISSUED', 'FAILED'], 30_000);
    const secondId = await emit(invoice(company, otherCity, '987.65'));
    const second = await e2e.waitForStatus(secondId, ['ISSUED', 'FAILED'], 30_000);

    expect(second.status).toBe('ISSUED');
    expect([first.rps, second.rps]).toEqual([{ serie: '1', numero: 1 }, { serie: '1', numero: 1 }]); // each city's first RPS
    expect(second.verificationCode).not.toBe(first.verificationCode);
    const nfseXml = await e2e.object(`nfse/${secondId}.xml`);
    expect(textIn(nfseXml, 'OrgaoGerador', 'CodigoMunicipio')).toBe(otherCity);
    expect(textIn(nfseXml, 'Servico', 'CodigoMunicipio')).toBe(otherCity);
    expect(textIn(nfseXml, 'Valores', 'ValorServicos')).toBe('987.65');
    expect(firstText(nfseXml, 'Numero')).toBe(String(second.nfseNumber));
    expect(Date.parse(String(second.processedAt))).toBeGreaterThanOrEqual(Date.parse(String(second.createdAt)) - 1000);
    expect(e2e.app.mock.stats().issued).toBe(2);
  });

  it('fails with Provider.Mismatch, never retried, when the city answers with another RPS’s NFS-e', async () => {
    // A provider that keys RPS by (cnpj, serie, numero) across the municipalities it serves
    // answers Rio's RPS 1 with São Paulo's NFS-e ("RPS já informado", then the consult).
    e2e.app.mock.knobs.set({ rpsScope: 'shared' });
    await e2e.waitForStatus(await emit(invoice(COMPANIES.mismatch, SAO_PAULO, '150.00')), ['ISSUED'], 30_000);

    const secondId = await emit(invoice(COMPANIES.mismatch, RIO, '987.65'));
    const second = await e2e.waitForStatus(secondId, ['ISSUED', 'FAILED'], 30_000);

    expect(second.status).toBe('FAILED');
    expect(second.nfseNumber).toBeUndefined();
    const error = second.error as { code: string; message: string };
    expect(error.code).toBe('NfseMismatch');
    expect(error.message).toContain('not the one for this RPS');
    expect(error.message).toContain('CodigoMunicipio 3550308, expected 3304557');
    expect(error.message).toContain('ValorServicos 150.00, expected 987.65');
    const history = await e2e.finishedHistory(String(second.executionArn));
    expect(taskFailures(history)).toEqual(['Provider.Mismatch']);
    expect(statesEntered(history)).toEqual(['MarkProcessing', 'RequestIssuance', 'MarkFailed', 'ReportFailed', 'RouteFailure', 'PublishFailed', 'InvoiceFailed']);
    const failures = await e2e.sqs.send(new ReceiveMessageCommand({ QueueUrl: e2e.app.names.env.FAILURES_QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    expect((failures.Messages ?? []).map((m) => (JSON.parse(m.Body ?? '{}') as { invoiceId: string }).invoiceId)).toContain(secondId);
  });
});
