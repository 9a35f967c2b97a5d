import pino from 'pino';
import { CompanyCredentials } from '../../../../adapter-container/certificates/CompanyCredentials';
import { AbrasfProvider } from '../../../../adapter-container/providers/abrasf-2.04/AbrasfProvider';
import { CertificateMissingProviderError, RejectedProviderError } from '../../../../adapter-container/providers/errors';
import type { CitySigning } from '../../../../contracts/municipality';
import { readPkcs12 } from '../../../../lib/certificates/readPkcs12';
import { createTestCa, issueA1Certificate, newRsaKeyPem, toPfx, type TestCa } from '../../../../local/certificates/testPki';
import { startProviderMock, type ProviderMock } from '../../../../local/provider-mock/startProviderMock';
import { buildRpsXml } from '../../../../tasks/emit/rps/buildRpsXml';
import { CNPJ, rpsInvoice, SAO_PAULO } from '../../xml/rpsFixtures';

const SIGNING: CitySigning = { algorithm: 'rsa-sha256', elements: ['InfDeclaracaoPrestacaoServico', 'LoteRps', 'InfPedidoCancelamento', 'SubstituicaoNfse'] };

function emitInput(numero: number): { companyCnpj: string; rps: { serie: string; numero: number }; rpsXml: string; nfseXmlKey: string } {
  const rps = { serie: '1', numero };
  return { companyCnpj: CNPJ, rps, rpsXml: buildRpsXml(rpsInvoice({ rps })), nfseXmlKey: `nfse/${numero}.xml` };
}

describe('AbrasfProvider signing what the city requires', () => {
  let ca: TestCa;
  let mock: ProviderMock;
  let company: CompanyCredentials;

  beforeAll(async () => {
    ca = createTestCa();
    company = new CompanyCredentials(CNPJ, readPkcs12(toPfx(issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA', privateKeyPem: newRsaKeyPem() }), 'pw'), 'pw'));
    // São Paulo checks signatures here; its system takes lots too (the knobs make it asynchronous for that test).
    mock = await startProviderMock({ port: 0, logger: pino({ level: 'silent' }), municipalities: [{ code: SAO_PAULO, signing: SIGNING, mtls: false }], trustedCaPems: [ca.certificatePem] });
  });

  afterAll(async () => {
    await mock.stop();
  });

  beforeEach(() => {
    mock.reset();
  });

  const provider = (mode: 'sync' | 'async', signing: CitySigning = SIGNING): Promise<AbrasfProvider> => AbrasfProvider.create({ endpoint: mock.cityUrl(SAO_PAULO), municipalityCode: SAO_PAULO, mode, signing, timeoutMs: 2_000 });

  it('signs the RPS, the lot and the cancellation request with the company’s certificate, and the city takes them', async () => {
    const sync = await provider('sync');
    mock.knobs.set({ cityModes: { [SAO_PAULO]: 'sync' } });
    const issued = await sync.emit(emitInput(1), undefined, { company });
    const cancelled = await sync.cancel({ companyCnpj: CNPJ, municipalityCode: SAO_PAULO, nfseNumber: '1', reasonCode: 1 }, undefined, { company });
    mock.knobs.set({ cityModes: { [SAO_PAULO]: 'async' } });
    const accepted = await (await provider('async')).emit(emitInput(2), undefined, { company });

    expect([issued.result.outcome, cancelled.outcome, accepted.result.outcome]).toEqual(['issued', 'cancelled', 'accepted']);
    expect(mock.stats().rejected).toBe(0);
  });

  it('signs a substitution (the RPS, the Pedido and SubstituicaoNfse) and the city takes it', async () => {
    const sync = await provider('sync');
    mock.knobs.set({ cityModes: { [SAO_PAULO]: 'sync' } });
    await sync.emit(emitInput(5), undefined, { company });

    const substituted = await sync.substitute({ ...emitInput(6), replaced: { nfseNumber: '1', reasonCode: 1, municipalityCode: SAO_PAULO } }, undefined, { company });

    expect([substituted.result.nfseNumber, mock.stats().substituted, mock.stats().rejected]).toEqual(['2', 1, 0]);
  });

  it('is refused by the city (E172) when the substitution request itself is not signed where the city requires it', async () => {
    const sync = await provider('sync');
    const careless = await provider('sync', { algorithm: 'rsa-sha256', elements: ['InfDeclaracaoPrestacaoServico', 'InfPedidoCancelamento'] });
    mock.knobs.set({ cityModes: { [SAO_PAULO]: 'sync' } });
    await sync.emit(emitInput(7), undefined, { company });

    const refused = await careless.substitute({ ...emitInput(8), replaced: { nfseNumber: '1', reasonCode: 1, municipalityCode: SAO_PAULO } }, undefined, { company }).catch((error: unknown) => error);

    expect(refused).toMatchObject({ errorName: 'Provider.Rejected', code: 'E172', message: 'Arquivo enviado com erro na assinatura: SubstituicaoNfse (Id Subst1) não está assinado.' });
  });

  it('is refused by the city (Provider.Rejected E172, its words) when it sends what the city requires signed unsigned', async () => {
    const careless = await provider('sync', { algorithm: 'rsa-sha256', elements: [] });

    const refused = await careless.emit(emitInput(3), undefined, { company }).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(RejectedProviderError);
    expect(refused).toMatchObject({ errorName: 'Provider.Rejected', code: 'E172', message: 'Arquivo enviado com erro na assinatura: InfDeclaracaoPrestacaoServico (Id Rps01JDZ8Y7Q5R3T2V1W0X9Y8Z7A6) não está assinado.' });
  });

  it('fails with Provider.CertificateMissing, before calling, when it has nothing to sign with', async () => {
    const sync = await provider('sync');

    const refused = await sync.emit(emitInput(4)).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(CertificateMissingProviderError);
    expect(refused).toMatchObject({ code: 'CertificateRequired' });
    expect(mock.stats().calls).toEqual({});
  });
});
