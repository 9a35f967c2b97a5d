import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pino from 'pino';
import { XmlDsigSigner } from '../../../../adapter-container/xml/XmlDsigSigner';
import { initXmlReader } from '../../../../adapter-container/xml/XmlReader';
import { createTestCa, issueA1Certificate, type IssuedCertificate, type TestCa } from '../../../../local/certificates/testPki';
import { chaveAcessoOf, chaveCheckDigit, startNacionalMock, type NacionalMock } from '../../../../local/provider-mock/nacional';
import { buildDpsXml } from '../../../../tasks/emit/dps/buildDpsXml';

const CNPJ = '11444777000161';
const OTHER = '11222333000181';
const PORTO_ALEGRE = '4314902';

interface Reply {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer;
  json(): Record<string, unknown>;
}

/** One HTTPS call to the mock, presenting `client` (or no certificate). */
function call(mock: NacionalMock, ca: TestCa, method: string, urlPath: string, client: IssuedCertificate | undefined, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = https.request(`${mock.url}${urlPath}`, {
      method,
      ca: ca.certificatePem,
      ...(client === undefined ? {} : { key: client.privateKeyPem, cert: client.certificatePem }),
      headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': payload.length },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: buffer, json: () => JSON.parse(buffer.toString('utf8') || '{}') as Record<string, unknown> });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** A signed DPS of `CNPJ` number `numero`, gzip + base64 as `POST /nfse` takes it. */
function dpsBody(signer: IssuedCertificate, numero: number, document = CNPJ): { dpsXmlGZipB64: string } {
  const dps = buildDpsXml(
    {
      invoiceId: '01JD3Q5V6Z8X9Y0A1B2C3D4E5G',
      companyCnpj: document,
      municipalityCode: PORTO_ALEGRE,
      total: '99.90',
      competence: '2026-11-20',
      createdAt: '2026-11-23T12:30:00.000Z',
      rps: { serie: '7', numero },
      service: { code: '01.07', description: 'Suporte', issRate: '2.00', issWithheld: false },
      tomador: { document: '52998224725', name: 'Maria da Silva' },
    },
    { cnpj: document, municipalityCode: PORTO_ALEGRE, taxRegime: { simplesNacional: 'naoOptante', regimeEspecial: 'nenhum', incentivoFiscal: false } },
    { environment: 'homologacao' },
  );
  const id = /<infDPS Id="([^"]+)"/.exec(dps)?.[1] ?? '';
  return { dpsXmlGZipB64: gzipSync(new XmlDsigSigner(signer).signNow(dps, id)).toString('base64') };
}

describe('the Sefin Nacional mock', () => {
  let ca: TestCa;
  let company: IssuedCertificate;
  let other: IssuedCertificate;
  let mock: NacionalMock;

  beforeAll(async () => {
    await initXmlReader();
    ca = createTestCa('nacional mock test CA');
    company = issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA NACIONAL LTDA' });
    other = issueA1Certificate(ca, { cnpj: OTHER, razaoSocial: 'OUTRA EMPRESA LTDA' });
    mock = await startNacionalMock({ ca, port: 0, logger: pino({ level: 'silent' }), municipalities: [{ code: PORTO_ALEGRE, name: 'Porto Alegre' }], random: () => 0.123456789 });
  });

  afterAll(async () => {
    await mock.stop();
  });

  beforeEach(() => mock.reset());

  it('issues an NFS-e whose 50-character key carries the city, the CNPJ, the number and a valid check digit', async () => {
    const reply = await call(mock, ca, 'POST', '/nfse', company, dpsBody(company, 1));

    expect(reply.status).toBe(201);
    const { chaveAcesso, idDps, nfseXmlGZipB64 } = reply.json() as { chaveAcesso: string; idDps: string; nfseXmlGZipB64: string };
    expect(idDps).toBe(`DPS${PORTO_ALEGRE}2${CNPJ}00007000000000000001`);
    expect(chaveAcesso).toHaveLength(50);
    expect(chaveAcesso.slice(0, 36)).toBe(`${PORTO_ALEGRE}22${CNPJ}0000000000001`);
    expect(chaveAcesso.slice(40, 49)).toBe('123456789');
    expect(chaveAcesso.slice(49)).toBe(chaveCheckDigit(chaveAcesso.slice(0, 49)));
    expect(gunzipSync(Buffer.from(nfseXmlGZipB64, 'base64')).toString('utf8')).toContain('<xNome>EMPRESA NACIONAL LTDA</xNome>');
  });

  it('computes the check digit modulo 11 with weights 2 to 9 from the right', () => {
    // 49 ones: weights 2..9 repeat six times (264) plus 2 → 266 mod 11 = 2, digit 9.
    expect(chaveCheckDigit('1'.repeat(49))).toBe('9');
    // Issued 2026-01-01T02:00Z: still December 2025 in Brasília, so AAMM is 2512.
    expect(chaveAcessoOf({ municipalityCode: PORTO_ALEGRE, generator: '2', document: CNPJ, nfseNumber: 42, issuedAt: new Date('2026-01-01T02:00:00Z'), code: 7 })).toBe('43149022211444777000161000000000004225120000000079');
  });

  it('refuses a DPS already issued with E0014, in the national shape, and issues nothing more', async () => {
    const first = await call(mock, ca, 'POST', '/nfse', company, dpsBody(company, 2));

    const again = await call(mock, ca, 'POST', '/nfse', company, dpsBody(company, 2));

    expect(again.status).toBe(400);
    expect(again.json().erros).toEqual([{ Codigo: 'E0014', Descricao: 'Conjunto de série e número da DPS já existe em uma NFS-e gerada.', Complemento: `chaveAcesso ${String(first.json().chaveAcesso)}` }]);
    expect(mock.stats()).toMatchObject({ issued: 1, rejected: 1 });
  });

  it('answers HEAD and GET /dps/{Id}: 404 before, the key after, to the prestador\'s certificate only', async () => {
    const id = `DPS${PORTO_ALEGRE}2${CNPJ}00007000000000000003`;
    const before = await call(mock, ca, 'HEAD', `/dps/${id}`, company);
    const issued = await call(mock, ca, 'POST', '/nfse', company, dpsBody(company, 3));

    const head = await call(mock, ca, 'HEAD', `/dps/${id}`, company);
    const read = await call(mock, ca, 'GET', `/dps/${id}`, company);
    const stranger = await call(mock, ca, 'GET', `/dps/${id}`, other);

    expect([before.status, head.status, head.body.length, read.status, stranger.status]).toEqual([404, 200, 0, 200, 403]);
    expect(read.json().chaveAcesso).toBe(issued.json().chaveAcesso);
  });

  it('refuses a connection without a client certificate, and a DPS signed by another company', async () => {
    const anonymous = await call(mock, ca, 'POST', '/nfse', undefined, dpsBody(company, 4));
    const forged = await call(mock, ca, 'POST', '/nfse', company, dpsBody(other, 4));

    expect([anonymous.status, (anonymous.json().erros as Array<{ Codigo: string }>)[0]?.Codigo]).toEqual([403, 'E0715']);
    expect([forged.status, (forged.json().erros as Array<{ Codigo: string }>)[0]?.Codigo]).toEqual([400, 'E0715']);
    expect(mock.stats().issued).toBe(0);
  });

  it('refuses a DPS the XSD refuses and a tampered signature', async () => {
    const body = dpsBody(company, 5);
    const xml = gunzipSync(Buffer.from(body.dpsXmlGZipB64, 'base64')).toString('utf8');
    const invalid = { dpsXmlGZipB64: gzipSync(xml.replace('<tpAmb>2</tpAmb>', '<tpAmb>5</tpAmb>')).toString('base64') };
    const tampered = { dpsXmlGZipB64: gzipSync(xml.replace('<vServ>99.90</vServ>', '<vServ>9.90</vServ>')).toString('base64') };

    const refusals = await Promise.all([call(mock, ca, 'POST', '/nfse', company, invalid), call(mock, ca, 'POST', '/nfse', company, tampered)]);

    expect(refusals.map((reply) => [reply.status, (reply.json().erros as Array<{ Codigo: string }>)[0]?.Codigo])).toEqual([
      [400, 'E1235'],
      [400, 'E0714'],
    ]);
  });

  it('serves the NFS-e, its DANFSe as a PDF, its events (none yet: 404) and the municipal parameters', async () => {
    const chave = String((await call(mock, ca, 'POST', '/nfse', company, dpsBody(company, 6))).json().chaveAcesso);

    const nfse = await call(mock, ca, 'GET', `/nfse/${chave}`, company);
    const pdf = await call(mock, ca, 'GET', `/danfse/${chave}`, company);
    const noEvents = await call(mock, ca, 'GET', `/nfse/${chave}/eventos`, company);
    const convenio = await call(mock, ca, 'GET', `/parametros_municipais/${PORTO_ALEGRE}/convenio`, company);
    const elsewhere = await call(mock, ca, 'GET', '/parametros_municipais/3550308/convenio', company);

    expect(nfse.status).toBe(200);
    expect([pdf.status, pdf.type, pdf.body.subarray(0, 8).toString('latin1'), pdf.body.subarray(-6).toString('latin1')]).toEqual([200, 'application/pdf', '%PDF-1.4', '%%EOF\n']);
    expect(noEvents.status).toBe(404);
    expect(convenio.json()).toMatchObject({ codigoMunicipio: PORTO_ALEGRE, nome: 'Porto Alegre', aderenteEmissorNacional: true });
    expect([elsewhere.status, (elsewhere.json().erros as Array<{ Codigo: string }>)[0]?.Codigo]).toEqual([404, 'E0404']);
  });

  it('keeps what it issued under its data directory: after a restart a resend is still E0014', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nacional-mock-'));
    const durable = await startNacionalMock({ ca, port: 0, logger: pino({ level: 'silent' }), dataDir });
    const issued = await call(durable, ca, 'POST', '/nfse', company, dpsBody(company, 7));
    await durable.stop();

    const restarted = await startNacionalMock({ ca, port: 0, logger: pino({ level: 'silent' }), dataDir });
    try {
      const again = await call(restarted, ca, 'POST', '/nfse', company, dpsBody(company, 7));
      const next = await call(restarted, ca, 'POST', '/nfse', company, dpsBody(company, 8));

      expect((again.json().erros as Array<{ Codigo: string; Complemento: string }>)[0]).toMatchObject({ Codigo: 'E0014', Complemento: `chaveAcesso ${String(issued.json().chaveAcesso)}` });
      expect(String(next.json().chaveAcesso).slice(23, 36)).toBe('0000000000002');
      expect(restarted.stats()).toMatchObject({ issued: 2, calls: { emit: 3 } });
    } finally {
      await restarted.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('injects the failures it is told to: a 503, and a rejection in the national shape', async () => {
    mock.knobs.failNext({ kind: 'transient5xx', operations: ['emit'] });
    mock.knobs.failNext({ kind: 'rejection', operations: ['emit'] });

    const unavailable = await call(mock, ca, 'POST', '/nfse', company, dpsBody(company, 9));
    const rejected = await call(mock, ca, 'POST', '/nfse', company, dpsBody(company, 9));
    const issued = await call(mock, ca, 'POST', '/nfse', company, dpsBody(company, 9));

    expect([unavailable.status, rejected.status, issued.status]).toEqual([503, 400, 201]);
    expect(rejected.json().erros).toEqual([{ Codigo: 'E0312', Descricao: 'Rejeição simulada pela Sefin Nacional (mock).', Complemento: null }]);
    expect(mock.stats()).toMatchObject({ issued: 1, injected: { transient5xx: 1, rejection: 1 }, byRps: { [`${PORTO_ALEGRE}/${CNPJ}/7/9`]: { calls: { emit: 3 }, nfseIssued: 1 } } });
  });
});
