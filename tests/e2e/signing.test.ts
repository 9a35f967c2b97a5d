import https from 'node:https';
import { Writable } from 'node:stream';
import { DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AbrasfSoapTransport } from '../../adapter-container/providers/abrasf-2.04/AbrasfSoapTransport';
import { cabecalhoXml, gerarNfseEnvioXml } from '../../adapter-container/xml/abrasfMessages';
import { elementId } from '../../adapter-container/xml/signElements';
import { verifyXmlSignature } from '../../adapter-container/xml/verifyXmlSignature';
import { certificateSecretName } from '../../contracts/certificateSecret';
import { ENV } from '../../contracts/wiring';
import { DEMO_COMPANY } from '../../local/app/demoInvoice';
import { createTestCa, issueA1Certificate, newRsaKeyPem, toPfx } from '../../local/certificates/testPki';
import { logger as handlerLogger } from '../../tasks/shared/logger';
import { testClientConfig } from '../harness/localCloudEnv';
import { startE2eApp, taskFailures, type E2eApp } from './e2eApp';

const SAO_PAULO = '3550308';
const BELO_HORIZONTE = '3106200';
/** Companies of this suite, each onboarded through the API (PUT the company, PUT its certificate). */
const SIGNER = '33222001000130';
const MINEIRA = '33222002000184';
const FOREIGN_CA = '33222003000129';
const DELETED = '33222004000173';
const invoice = (companyCnpj: string, municipalityCode = SAO_PAULO): Record<string, unknown> => ({
  companyCnpj,
  municipalityCode,
  total: '150.00',
  service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00' },
  tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
});

describe('signed RPS and mutual TLS, end to end through the API', () => {
  let e2e: E2eApp;
  let ops: string;
  let client: string;
  /** Every line the adapter logged (debug level), and every line the API's handlers wrote. */
  const logLines: string[] = [];
  const adapterLog = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      logLines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      done();
    },
  });
  /** What must never leave the adapter or the API: the passwords, the .pfx files, PEM of keys and certificates. */
  const secrets: string[] = [];
  let restoreStdout: (() => void) | undefined;
  const previousLevels = { adapter: process.env.ADAPTER_LOG_LEVEL, handlers: handlerLogger.getLevelName() };

  /** Onboards a company as a tenant's operator does: its record, then its certificate. */
  async function onboard(cnpj: string, municipalityCode: string, pfx: Buffer, password: string): Promise<Record<string, unknown>> {
    const company = await e2e.call('PUT', `/companies/${cnpj}`, ops, { ...DEMO_COMPANY, municipalityCode, address: { ...DEMO_COMPANY.address, municipalityCode } });
    expect(company.status).toBe(201);
    secrets.push(password, pfx.toString('base64').slice(0, 64));
    const certificate = await e2e.call('PUT', `/companies/${cnpj}/certificate`, ops, { pfxBase64: pfx.toString('base64'), password });
    expect(certificate.status).toBe(201);
    return certificate.body;
  }

  async function emit(body: Record<string, unknown>): Promise<string> {
    const response = await e2e.call('POST', '/invoices', client, body);
    expect(response.status).toBe(201);
    return String(response.body.invoiceId);
  }

  beforeAll(async () => {
    process.env.ADAPTER_LOG_LEVEL = 'debug';
    handlerLogger.setLogLevel('DEBUG');
    // The API's handlers log through Powertools to stdout: kept here instead (debug level is a lot).
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array): boolean => {
      logLines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
    restoreStdout = () => {
      process.stdout.write = write;
    };
    e2e = await startE2eApp({ adapterLog });
    ops = await e2e.token('signing-ops', [SIGNER], 'ops', { companies: false });
    client = await e2e.token('signing-client', [SIGNER, MINEIRA, FOREIGN_CA, DELETED], 'client', { companies: false });
    const key = newRsaKeyPem();
    for (const [cnpj, city] of [[SIGNER, SAO_PAULO], [MINEIRA, BELO_HORIZONTE], [DELETED, SAO_PAULO]] as const) {
      const { pfx, password } = await e2e.app.pki.companyCertificate(cnpj, DEMO_COMPANY.razaoSocial);
      await onboard(cnpj, city, pfx, password);
    }
    // An e-CNPJ the API takes (right CNPJ, in validity) from a CA the city does not trust.
    const stranger = issueA1Certificate(createTestCa('not ICP-Brasil'), { cnpj: FOREIGN_CA, razaoSocial: 'EMPRESA ESTRANHA LTDA', privateKeyPem: key });
    await onboard(FOREIGN_CA, SAO_PAULO, toPfx(stranger, 'stranger-password'), 'stranger-password');
    secrets.push('PRIVATE KEY', 'BEGIN CERTIFICATE', key.split('\n')[1] ?? key);
  }, 120_000);

  afterAll(async () => {
    restoreStdout?.();
    if (previousLevels.adapter === undefined) delete process.env.ADAPTER_LOG_LEVEL;
    else process.env.ADAPTER_LOG_LEVEL = previousLevels.adapter;
    handlerLogger.setLogLevel(previousLevels.handlers);
    await e2e.stop();
  });

  it('issues with the company’s certificate: the RPS stored in S3 is the signed one, and it verifies', async () => {
    const invoiceId = await emit(invoice(SIGNER));

    const record = await e2e.waitForStatus(invoiceId, ['ISSUED', 'FAILED']);
    const rpsXml = await e2e.object(String(record.xmlKey));
    const nfseXml = await e2e.object(String(record.nfseXmlKey));

    const id = elementId(rpsXml, 'InfDeclaracaoPrestacaoServico') ?? '';
    const verdict = verifyXmlSignature(rpsXml, { signedElementId: id, trustedCaPems: [e2e.app.pki.ca.certificatePem] });
    expect(record.status).toBe('ISSUED');
    expect(id).toBe(`Rps${invoiceId}`);
    expect(verdict.valid && verdict.certificate.subject).toContain(`CN=${DEMO_COMPANY.razaoSocial.toUpperCase()}:${SIGNER}`);
    expect(rpsXml).toMatch(/<\/InfDeclaracaoPrestacaoServico><Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*<\/Signature><\/Rps>$/);
    // The city echoes the signed declaration in the NFS-e.
    expect(nfseXml).toContain(`<Reference URI="#Rps${invoiceId}">`);
  });

  it('is refused by the city when the signed RPS is tampered with (E172)', async () => {
    const invoiceId = await emit(invoice(SIGNER));
    const record = await e2e.waitForStatus(invoiceId, ['ISSUED', 'FAILED']);
    const tampered = (await e2e.object(String(record.xmlKey))).replace('<ValorServicos>150.00</ValorServicos>', '<ValorServicos>1.50</ValorServicos>');
    const city = await AbrasfSoapTransport.create({ endpoint: e2e.app.mock.cityUrl(SAO_PAULO), timeoutMs: 5_000 });

    const answer = await city.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(tampered), false);

    expect(tampered).toContain('<ValorServicos>1.50</ValorServicos>');
    expect(answer).toContain(`<Codigo>E172</Codigo><Mensagem>Arquivo enviado com erro na assinatura: assinatura de InfDeclaracaoPrestacaoServico (Id Rps${invoiceId}) não confere com o conteúdo assinado.</Mensagem>`);
  });

  it('fails the invoice with the city’s E172 (Provider.Rejected) when the certificate is not from a CA the city trusts', async () => {
    const invoiceId = await emit(invoice(FOREIGN_CA));

    const record = await e2e.waitForStatus(invoiceId, ['FAILED', 'ISSUED']);
    const history = await e2e.finishedHistory(String(record.executionArn));

    expect(record.status).toBe('FAILED');
    expect(record.error).toEqual({ kind: 'Provider.Rejected', code: 'E172', message: `Arquivo enviado com erro na assinatura: assinatura de InfDeclaracaoPrestacaoServico (Id Rps${invoiceId}) feita com certificado não emitido por AC confiável.` });
    expect(taskFailures(history)).toEqual(['Provider.Rejected']);
  });

  it('issues in Belo Horizonte through mutual TLS with a signed lot, whose endpoint refuses a client without a certificate', async () => {
    const endpoint = e2e.app.mock.cityUrl(BELO_HORIZONTE);
    const withoutCertificate = new Promise<number>((resolve, reject) => {
      const request = https.request(endpoint, { method: 'POST', ca: e2e.app.pki.ca.certificatePem, agent: false, headers: { 'content-type': 'text/xml' } }, (response) => resolve(response.statusCode ?? 0));
      request.on('error', reject);
      request.end('<x/>');
    });
    await expect(withoutCertificate).rejects.toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|EPROTO|ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED)$/) });

    const invoiceId = await emit(invoice(MINEIRA, BELO_HORIZONTE));

    const record = await e2e.waitForStatus(invoiceId, ['ISSUED', 'FAILED'], 60_000);
    const rpsXml = await e2e.object(String(record.xmlKey));
    expect(endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/nfse\/3106200$/);
    expect(record.status).toBe('ISSUED');
    expect(record.providerProtocol).toEqual(expect.stringMatching(/^\d+$/));
    expect(verifyXmlSignature(rpsXml, { signedElementId: `Rps${invoiceId}`, trustedCaPems: [e2e.app.pki.ca.certificatePem] }).valid).toBe(true);
    expect(e2e.app.mock.stats().calls.RecepcionarLoteRps).toBeGreaterThanOrEqual(1);
  });

  it('fails with Provider.CertificateMissing, never retried, when the company’s certificate is gone from Secrets Manager', async () => {
    const secretsManager = new SecretsManagerClient(testClientConfig());
    await secretsManager.send(new DeleteSecretCommand({ SecretId: certificateSecretName(e2e.app.names.env[ENV.CertificateSecretPrefix], DELETED), ForceDeleteWithoutRecovery: true }));
    secretsManager.destroy();

    const invoiceId = await emit(invoice(DELETED));

    const record = await e2e.waitForStatus(invoiceId, ['FAILED', 'ISSUED']);
    const history = await e2e.finishedHistory(String(record.executionArn));
    expect(record.status).toBe('FAILED');
    expect(record.error).toEqual({ kind: 'Provider.CertificateMissing', code: 'CertificateNotFound', message: `company ${DELETED} has no A1 certificate (secret ${e2e.app.names.env[ENV.CertificateSecretPrefix]}/companies/${DELETED}/certificate): upload one with PUT /companies/${DELETED}/certificate` });
    expect(taskFailures(history)).toEqual(['Provider.CertificateMissing']);
  });

  it('puts no password, .pfx, key or PEM in any log line, execution history or API answer', async () => {
    const invoices = await e2e.call('GET', `/invoices?companyCnpj=${SIGNER}`, client);
    const ids = (invoices.body.items as Array<{ invoiceId: string }>).map((item) => item.invoiceId);
    const answers = [
      invoices,
      await e2e.call('GET', `/companies/${SIGNER}`, ops),
      await e2e.call('GET', `/companies/${SIGNER}/certificate`, ops),
      ...(await Promise.all(ids.map((id) => e2e.call('GET', `/invoices/${id}/history`, client)))),
    ].map((answer) => JSON.stringify(answer.body));
    const histories = await Promise.all(ids.map(async (id) => JSON.stringify(await e2e.history(String((await e2e.record(id))?.executionArn)))));

    const everything = [...logLines, ...answers, ...histories];
    // The lines are there to be searched: the adapter's (each certificate in use, by its metadata) and the API's.
    expect(logLines.filter((line) => line.includes('"msg":"company certificate in use"')).length).toBeGreaterThan(3);
    expect(logLines.filter((line) => line.includes('"message":"certificate stored"')).length).toBeGreaterThanOrEqual(4);
    expect(secrets.length).toBeGreaterThan(8);
    expect(secrets.filter((secret) => everything.some((text) => text.includes(secret)))).toEqual([]);
  });
});
