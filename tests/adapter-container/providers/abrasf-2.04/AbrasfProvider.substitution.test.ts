import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { AbrasfProvider, type SubstituteInput } from '../../../../adapter-container/providers/abrasf-2.04';
import { DEFAULT_SOAP_NAMESPACE } from '../../../../adapter-container/providers/abrasf-2.04/abrasfWsdl';
import { AmbiguousProviderError, MismatchProviderError, RejectedProviderError, TransientProviderError } from '../../../../adapter-container/providers/errors';
import { compNfseXml, respostaXml, type MockNfseFields } from '../../../../local/provider-mock/mockResponses';
import { soapResponse } from '../../../../local/provider-mock/soapEnvelope';
import { startProviderMock, type ProviderMock } from '../../../../local/provider-mock/startProviderMock';
import { buildRpsXml } from '../../../../tasks/emit/rps/buildRpsXml';
import { CNPJ, rpsInvoice, SAO_PAULO } from '../../xml/rpsFixtures';

function emitInput(numero: number): { companyCnpj: string; rps: { serie: string; numero: number }; rpsXml: string; nfseXmlKey: string } {
  const rps = { serie: '1', numero };
  return { companyCnpj: CNPJ, rps, rpsXml: buildRpsXml(rpsInvoice({ rps, total: `${numero}00.00` })), nfseXmlKey: `nfse/${numero}.xml` };
}

/** RPS `numero` replacing NFS-e `nfseNumber` of São Paulo, for reason 1 (erro na emissão). */
function substituteInput(numero: number, nfseNumber: string): SubstituteInput {
  return { ...emitInput(numero), replaced: { nfseNumber, reasonCode: 1, municipalityCode: SAO_PAULO } };
}

describe('AbrasfProvider substituting an NFS-e (SubstituirNfse)', () => {
  let mock: ProviderMock;
  let sync: AbrasfProvider;

  beforeAll(async () => {
    mock = await startProviderMock({ port: 0, logger: pino({ level: 'silent' }) });
    sync = await AbrasfProvider.create({ endpoint: mock.cityUrl(SAO_PAULO), municipalityCode: SAO_PAULO, timeoutMs: 1000 });
  });

  afterAll(async () => {
    await mock.stop();
  });

  beforeEach(() => {
    mock.reset();
  });

  it('issues the new NFS-e, naming the one it replaces, which the city then shows cancelled by it', async () => {
    await sync.emit(emitInput(1));

    const outcome = await sync.substitute(substituteInput(2, '1'));
    const old = await sync.consultByRps(emitInput(1));

    expect(outcome.result).toEqual({ outcome: 'issued', nfseNumber: '2', verificationCode: expect.stringMatching(/^[A-Z0-9]{8}$/), issuedAt: expect.any(String), nfseXmlKey: 'nfse/2.xml' });
    expect(outcome.nfseXml).toMatch(/^<CompNfse xmlns="http:\/\/www\.abrasf\.org\.br\/nfse\.xsd"><Nfse versao="2\.04"><InfNfse Id="Nfse2"><Numero>2<\/Numero>.*<NfseSubstituida>1<\/NfseSubstituida>/);
    expect(old?.nfseXml).toContain('<NfseSubstituicao versao="2.04"><SubstituicaoNfse Id="Subst1"><NfseSubstituidora>2</NfseSubstituidora></SubstituicaoNfse></NfseSubstituicao>');
    expect(mock.stats()).toMatchObject({ issued: 2, substituted: 1, calls: { GerarNfse: 1, SubstituirNfse: 1, ConsultarNfsePorRps: 1 } });
  });

  it('substitutes at once with a client of a city that takes emissions in lots', async () => {
    const lots = await AbrasfProvider.create({ endpoint: mock.cityUrl(SAO_PAULO), municipalityCode: SAO_PAULO, mode: 'async', timeoutMs: 1000 });
    await sync.emit(emitInput(1));

    const outcome = await lots.substitute(substituteInput(2, '1'));

    expect([outcome.result.outcome, outcome.result.nfseNumber]).toEqual(['issued', '2']);
  });

  it('fails with Provider.Ambiguous when the city substitutes but never answers; the resend finds the new NFS-e (E79, then a consult by RPS) and issues nothing more', async () => {
    await sync.emit(emitInput(1));
    mock.knobs.failNext({ kind: 'acceptThenTimeout', count: 1, operations: ['SubstituirNfse'] });

    const lost = await sync.substitute(substituteInput(2, '1')).catch((caught: unknown) => caught);
    const resent = await sync.substitute(substituteInput(2, '1'));

    expect(lost).toBeInstanceOf(AmbiguousProviderError);
    expect([resent.result.nfseNumber, resent.nfseXml.includes('<NfseSubstituida>1</NfseSubstituida>')]).toEqual(['2', true]);
    expect(mock.stats().byRps[`${SAO_PAULO}/${CNPJ}/1/2`]).toEqual({ calls: { SubstituirNfse: 2, ConsultarNfsePorRps: 1 }, nfseIssued: 1 });
  });

  it('honours the city’s own "already cancelled" code from the registry when a resend meets the substitution done', async () => {
    const ownCodes = await AbrasfProvider.create({ endpoint: mock.cityUrl(SAO_PAULO), municipalityCode: SAO_PAULO, timeoutMs: 1000, codes: { alreadyCancelled: ['L79'] } });
    await sync.emit(emitInput(1));
    const done = await sync.substitute(substituteInput(2, '1'));
    // The city answers the resend with its own code for "já cancelada".
    mock.knobs.set({ rejectionCode: 'L79', rejectionMessage: 'NFS-e já cancelada.' });
    mock.knobs.failNext({ kind: 'rejection', count: 2, operations: ['SubstituirNfse'] });

    const resent = await ownCodes.substitute(substituteInput(2, '1'));
    const withDefaults = await sync.substitute(substituteInput(2, '1')).catch((caught: unknown) => caught);

    expect(resent).toEqual(done);
    expect(withDefaults).toMatchObject({ errorName: 'Provider.Rejected', code: 'L79', message: 'NFS-e já cancelada.' });
  });

  it('finds a substitution already done when it consults the RPS before a resend', async () => {
    await sync.emit(emitInput(1));
    const done = await sync.substitute(substituteInput(2, '1'));

    const found = await sync.consultByRps({ ...emitInput(2), replaces: '1' });

    expect(found).toEqual(done);
  });

  it('refuses with Provider.Mismatch an NFS-e found for the RPS that replaced another one than ours', async () => {
    await sync.emit(emitInput(1));
    await sync.substitute(substituteInput(2, '1'));

    const error = await sync.consultByRps({ ...emitInput(2), replaces: '9' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MismatchProviderError);
    expect((error as Error).message).toMatch(/^the city answered with NFS-e 2 \(verification [A-Z0-9]{8}\), not the one for this RPS: NfseSubstituida 1, expected 9$/);
  });

  it('fails with Provider.Rejected and the city code for an NFS-e it does not know, and for one cancelled before with nothing issued for the RPS', async () => {
    await sync.emit(emitInput(1));
    await sync.cancel({ companyCnpj: CNPJ, municipalityCode: SAO_PAULO, nfseNumber: '1', reasonCode: 1 });

    const unknown = await sync.substitute(substituteInput(2, '404')).catch((caught: unknown) => caught);
    const cancelled = await sync.substitute(substituteInput(3, '1')).catch((caught: unknown) => caught);

    expect(unknown).toBeInstanceOf(RejectedProviderError);
    expect(unknown).toMatchObject({ errorName: 'Provider.Rejected', code: 'E78', message: 'NFS-e não encontrada para este prestador.' });
    expect(cancelled).toBeInstanceOf(RejectedProviderError);
    expect(cancelled).toMatchObject({ code: 'E79', message: 'Essa NFS-e já está cancelada.' });
    expect(mock.stats()).toMatchObject({ issued: 1, substituted: 0 });
  });

  it('fails with Provider.Transient when the city answers HTTP 503, and an injected rejection carries the knob’s code', async () => {
    await sync.emit(emitInput(1));
    mock.knobs.failNext({ kind: 'transient5xx', count: 1, operations: ['SubstituirNfse'] });
    mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['SubstituirNfse'] });

    const busy = await sync.substitute(substituteInput(2, '1')).catch((caught: unknown) => caught);
    const rejected = await sync.substitute(substituteInput(2, '1')).catch((caught: unknown) => caught);

    expect(busy).toBeInstanceOf(TransientProviderError);
    expect(busy).toMatchObject({ code: 'HTTP_503' });
    expect(rejected).toMatchObject({ errorName: 'Provider.Rejected', code: 'E160', message: 'Rejeição simulada pelo provedor (mock).' });
    expect(mock.stats().substituted).toBe(0);
  });

  it('refuses with Provider.Mismatch an answer that replaced another NFS-e than the one named', async () => {
    // A city that answers every call with the substitution of NFS-e 5 by an NFS-e for our RPS 2.
    const ours = substituteInput(2, '1');
    const declaracaoXml = /<InfDeclaracaoPrestacaoServico[\s\S]*<\/InfDeclaracaoPrestacaoServico>/.exec(ours.rpsXml)?.[0] ?? '';
    const nfse = (numero: number, extra: Partial<MockNfseFields> = {}): MockNfseFields => ({ numero, codigoVerificacao: 'ABCD1234', dataEmissao: '2026-12-07T09:00:00', municipalityCode: SAO_PAULO, cnpj: CNPJ, valorServicos: '200.00', declaracaoXml, ...extra });
    const answer = respostaXml('SubstituirNfseResposta', `<RetSubstituicao><NfseSubstituida>${compNfseXml(nfse(5))}</NfseSubstituida><NfseSubstituidora>${compNfseXml(nfse(6, { nfseSubstituida: 5 }))}</NfseSubstituidora></RetSubstituicao>`);
    const city = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml' }).end(soapResponse('SubstituirNfse', DEFAULT_SOAP_NAMESPACE, answer)));
    });
    await new Promise<void>((resolve) => city.listen(0, '127.0.0.1', resolve));
    try {
      const confused = await AbrasfProvider.create({ endpoint: `http://127.0.0.1:${(city.address() as AddressInfo).port}/nfse/${SAO_PAULO}`, municipalityCode: SAO_PAULO, timeoutMs: 1000 });

      const error = await confused.substitute(ours).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(MismatchProviderError);
      expect((error as Error).message).toBe('the city answered the substitution of NFS-e 1 with the replacement of another one: NfseSubstituida 5, expected 1');
    } finally {
      city.closeAllConnections();
      await new Promise<void>((resolve) => city.close(() => resolve()));
    }
  });
});
