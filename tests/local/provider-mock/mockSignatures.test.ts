import https from 'node:https';
import tls from 'node:tls';
import pino from 'pino';
import { MunicipalityListSchema } from '../../../contracts/municipality';
import { AbrasfSoapTransport } from '../../../adapter-container/providers/abrasf-2.04/AbrasfSoapTransport';
import { cabecalhoXml, cancelarNfseEnvioXml, enviarLoteRpsEnvioXml, gerarNfseEnvioXml } from '../../../adapter-container/xml/abrasfMessages';
import { signElements } from '../../../adapter-container/xml/signElements';
import { XmlDsigSigner } from '../../../adapter-container/xml/XmlDsigSigner';
import { builtInMunicipalities } from '../../../lib/municipalities/builtInMunicipalities';
import type { LocalPki } from '../../../local/certificates/LocalPki';
import { createTestCa, issueA1Certificate, newRsaKeyPem, type IssuedCertificate } from '../../../local/certificates/testPki';
import { startProviderMock, type ProviderMock } from '../../../local/provider-mock/startProviderMock';
import { buildRpsXml } from '../../../tasks/emit/rps/buildRpsXml';
import { testPki } from '../../harness/testPki';
import { CNPJ, rpsInvoice, SAO_PAULO } from '../../adapter-container/xml/rpsFixtures';

const BELO_HORIZONTE = '3106200';
const OTHER_CNPJ = '11444777000161';
const ALL = ['InfDeclaracaoPrestacaoServico', 'LoteRps', 'InfPedidoCancelamento'] as const;
const messageOf = (outputXml: string): { code: string | undefined; message: string | undefined } => ({
  code: /<Codigo>([^<]+)<\/Codigo>/.exec(outputXml)?.[1],
  message: /<Mensagem>([^<]+)<\/Mensagem>/.exec(outputXml)?.[1],
});

describe('provider mock: signatures and mutual TLS, as the registry requires them', () => {
  let pki: LocalPki;
  let mock: ProviderMock;
  let saoPaulo: AbrasfSoapTransport;
  let ours: IssuedCertificate;
  /** One key pair for every certificate of the suite (key generation is the slow part). */
  let key: string;
  const rpsXml = (numero: number, companyCnpj = CNPJ): string => buildRpsXml(rpsInvoice({ companyCnpj, rps: { serie: '1', numero } }));
  const signedWith = (certificate: IssuedCertificate, xml: string): string => signElements(xml, ALL, new XmlDsigSigner(certificate));
  const gerar = (dados: string): Promise<string> => saoPaulo.call('GerarNfse', cabecalhoXml(), dados, false);

  beforeAll(async () => {
    pki = await testPki();
    key = newRsaKeyPem();
    // The company's certificate as the local PKI issues them: from its CA, the CNPJ in the ICP-Brasil otherName.
    ours = issueA1Certificate(pki.ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA', privateKeyPem: key });
    mock = await startProviderMock({
      port: 0,
      logger: pino({ level: 'silent' }),
      municipalities: MunicipalityListSchema.parse(builtInMunicipalities()),
      trustedCaPems: [pki.ca.certificatePem],
      tls: { port: 0, certificatePem: pki.server.certificatePem, privateKeyPem: pki.server.privateKeyPem, caPem: pki.ca.certificatePem },
      knobs: { cityModes: { [BELO_HORIZONTE]: 'async' } },
    });
    saoPaulo = await AbrasfSoapTransport.create({ endpoint: mock.cityUrl(SAO_PAULO), timeoutMs: 5_000 });
  });

  afterAll(async () => {
    await mock.stop();
  });

  describe('signatures (São Paulo signs the RPS and the cancellation request)', () => {
    it('issues an RPS signed by the prestador’s certificate from the trusted CA', async () => {
      const output = await gerar(gerarNfseEnvioXml(signedWith(ours, rpsXml(1))));

      expect(output).toContain('<ListaNfse><CompNfse');
      expect(output).toContain('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">');
    });

    it('answers E172 to an unsigned RPS, a tampered one, another CNPJ’s certificate and another CA’s', async () => {
      const otherCa = createTestCa('another CA');
      const tampered = signedWith(ours, rpsXml(2)).replace('<ValorServicos>1500.50</ValorServicos>', '<ValorServicos>15.00</ValorServicos>');
      const otherCompany = issueA1Certificate(pki.ca, { cnpj: OTHER_CNPJ, razaoSocial: 'OUTRA EMPRESA LTDA', privateKeyPem: key });
      const untrusted = issueA1Certificate(otherCa, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA', privateKeyPem: key });

      const answers = [
        await gerar(gerarNfseEnvioXml(rpsXml(3))),
        await gerar(gerarNfseEnvioXml(tampered)),
        await gerar(gerarNfseEnvioXml(signedWith(otherCompany, rpsXml(4)))),
        await gerar(gerarNfseEnvioXml(signedWith(untrusted, rpsXml(5)))),
      ].map(messageOf);

      const id = 'Rps01JDZ8Y7Q5R3T2V1W0X9Y8Z7A6';
      expect(answers).toEqual([
        { code: 'E172', message: `Arquivo enviado com erro na assinatura: InfDeclaracaoPrestacaoServico (Id ${id}) não está assinado.` },
        { code: 'E172', message: `Arquivo enviado com erro na assinatura: assinatura de InfDeclaracaoPrestacaoServico (Id ${id}) não confere com o conteúdo assinado.` },
        { code: 'E172', message: `Arquivo enviado com erro na assinatura: o certificado é do CNPJ ${OTHER_CNPJ}, não do prestador ${CNPJ}.` },
        { code: 'E172', message: `Arquivo enviado com erro na assinatura: assinatura de InfDeclaracaoPrestacaoServico (Id ${id}) feita com certificado não emitido por AC confiável.` },
      ]);
      expect(mock.stats().issued).toBe(1);
    });

    it('refuses an unsigned cancellation request and cancels a signed one', async () => {
      await gerar(gerarNfseEnvioXml(signedWith(ours, rpsXml(6))));
      const pedido = cancelarNfseEnvioXml({ nfseNumber: '1', cnpj: CNPJ, municipalityCode: SAO_PAULO, reasonCode: 1 });

      const unsigned = await saoPaulo.call('CancelarNfse', cabecalhoXml(), pedido, false);
      const signed = await saoPaulo.call('CancelarNfse', cabecalhoXml(), signedWith(ours, pedido), false);

      expect(messageOf(unsigned)).toEqual({ code: 'E172', message: 'Arquivo enviado com erro na assinatura: InfPedidoCancelamento (Id Cancel1) não está assinado.' });
      expect(signed).toContain('<RetCancelamento>');
    });

    it('checks nothing for a city the registry does not ask signatures of', async () => {
      const curitiba = await AbrasfSoapTransport.create({ endpoint: mock.cityUrl('4106902'), timeoutMs: 5_000 });

      const output = await curitiba.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(buildRpsXml(rpsInvoice({ municipalityCode: '4106902', rps: { serie: '1', numero: 1 } }))), false);

      expect(output).toContain('<ListaNfse><CompNfse');
    });
  });

  describe('mutual TLS (Belo Horizonte)', () => {
    const lot = (rps: string): string => enviarLoteRpsEnvioXml(rps, { numeroLote: 9, cnpj: CNPJ });
    const post = (options: https.RequestOptions, body: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const request = https.request(mock.cityUrl(BELO_HORIZONTE), { method: 'POST', headers: { 'content-type': 'text/xml' }, ...options }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end(body);
      });

    it('is served on the HTTPS listener and refused on the HTTP one', async () => {
      const plain = await fetch(`${mock.url}/${BELO_HORIZONTE}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<x/>' });

      expect(mock.cityUrl(BELO_HORIZONTE)).toBe(`${mock.tlsUrl}/${BELO_HORIZONTE}`);
      expect(mock.tlsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/nfse$/);
      expect(plain.status).toBe(403);
      expect(await plain.text()).toContain('requires HTTPS with the company&apos;s client certificate (mutual TLS)');
    });

    it('refuses, in the TLS handshake, a client without a certificate or with one from another CA', async () => {
      const otherCa = createTestCa('another CA');
      const stranger = issueA1Certificate(otherCa, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA', privateKeyPem: key });

      await expect(post({ ca: pki.ca.certificatePem, agent: false }, '<x/>')).rejects.toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|EPROTO|ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED)$/) });
      await expect(post({ ca: pki.ca.certificatePem, key: stranger.privateKeyPem, cert: stranger.certificatePem, agent: false }, '<x/>')).rejects.toMatchObject({
        code: expect.stringMatching(/^(ECONNRESET|EPROTO|ERR_SSL_TLSV1_ALERT_UNKNOWN_CA)$/),
      });
    });

    it('speaks TLS 1.2 and 1.3 only, and answers a client that presents the company’s certificate', async () => {
      await expect(post({ ca: pki.ca.certificatePem, key: ours.privateKeyPem, cert: ours.certificatePem, agent: false, maxVersion: 'TLSv1.1', minVersion: 'TLSv1' }, '<x/>')).rejects.toMatchObject({
        code: expect.stringMatching(/^(EPROTO|ECONNRESET|ERR_SSL_\w+)$/),
      });
      const agent = new https.Agent({ secureContext: tls.createSecureContext({ ca: pki.ca.certificatePem, key: ours.privateKeyPem, cert: ours.certificatePem, minVersion: 'TLSv1.2' }) });
      const client = await AbrasfSoapTransport.create({ endpoint: mock.cityUrl(BELO_HORIZONTE), timeoutMs: 5_000 });

      const output = await client.call('RecepcionarLoteRps', cabecalhoXml(), signedWith(ours, lot(signedWith(ours, rpsXml(20)))), false, undefined, agent);
      const lotUnsigned = await client.call('RecepcionarLoteRps', cabecalhoXml(), lot(signedWith(ours, rpsXml(21))), false, undefined, agent);

      expect(output).toMatch(/<Protocolo>\d+<\/Protocolo>/);
      expect(messageOf(lotUnsigned)).toEqual({ code: 'E172', message: 'Arquivo enviado com erro na assinatura: LoteRps (Id Lote9) não está assinado.' });
      agent.destroy();
    });
  });
});
