import net from 'node:net';
import { AbrasfProvider } from '../../../../adapter-container/providers/abrasf-2.04/AbrasfProvider';
import { AmbiguousProviderError, MismatchProviderError, RejectedProviderError, TransientProviderError } from '../../../../adapter-container/providers/errors';
import { buildRpsXml } from '../../../../tasks/emit/rps/buildRpsXml';
import { IssuedResultSchema } from '../../../../contracts/providerResult';
import { startProviderMock, type ProviderMock } from '../../../../local/provider-mock/startProviderMock';
import { CNPJ, rpsInvoice, SAO_PAULO } from '../../xml/rpsFixtures';

const RIO = '3304557';

const silent = { level: 'silent' } as const;

function emitInput(numero: number): { companyCnpj: string; rps: { serie: string; numero: number }; rpsXml: string; nfseXmlKey: string } {
  const rps = { serie: '1', numero };
  return { companyCnpj: CNPJ, rps, rpsXml: buildRpsXml(rpsInvoice({ rps })), nfseXmlKey: `nfse/${numero}.xml` };
}

describe('AbrasfProvider', () => {
  let mock: ProviderMock;
  let sync: AbrasfProvider;
  let async: AbrasfProvider;

  beforeAll(async () => {
    const pino = (await import('pino')).default;
    mock = await startProviderMock({ port: 0, logger: pino(silent) });
    sync = await AbrasfProvider.create({ endpoint: mock.cityUrl(SAO_PAULO), municipalityCode: SAO_PAULO, timeoutMs: 1000 });
    async = await AbrasfProvider.create({ endpoint: mock.cityUrl(SAO_PAULO), municipalityCode: SAO_PAULO, mode: 'async', timeoutMs: 1000 });
  });

  afterAll(async () => {
    await mock.stop();
  });

  beforeEach(() => {
    mock.reset();
  });

  it('issues an NFS-e synchronously with GerarNfse', async () => {
    // Act
    const outcome = await sync.emit(emitInput(1));

    // Assert
    expect(outcome.result).toEqual({ outcome: 'issued', nfseNumber: '1', verificationCode: expect.stringMatching(/^[A-Z0-9]{8}$/), issuedAt: expect.any(String), nfseXmlKey: 'nfse/1.xml' });
    expect(IssuedResultSchema.safeParse(outcome.result).success).toBe(true);
    expect('nfseXml' in outcome && outcome.nfseXml).toMatch(/^<CompNfse xmlns="http:\/\/www\.abrasf\.org\.br\/nfse\.xsd"><Nfse versao="2\.04"><InfNfse Id="Nfse1"><Numero>1<\/Numero>/);
    expect(mock.stats().calls).toEqual({ GerarNfse: 1 });
  });

  it('numbers NFS-e per municipality', async () => {
    // Act
    const first = await sync.emit(emitInput(1));
    const second = await sync.emit(emitInput(2));

    // Assert
    expect([first.result, second.result].map((result) => (result.outcome === 'issued' ? result.nfseNumber : result.outcome))).toEqual(['1', '2']);
  });

  it('answers a duplicate RPS (E10) with the NFS-e already issued, consulting by RPS', async () => {
    // Arrange
    const first = await sync.emit(emitInput(7));

    // Act
    const again = await sync.emit(emitInput(7));

    // Assert
    expect(again).toEqual(first);
    expect(mock.stats().byRps[`${SAO_PAULO}/${CNPJ}/1/7`]).toEqual({ calls: { GerarNfse: 2, ConsultarNfsePorRps: 1 }, nfseIssued: 1 });
  });

  it('accepts asynchronously, answers accepted while pending, then issued', async () => {
    // Arrange
    mock.knobs.set({ cityModes: { [SAO_PAULO]: 'async' }, pendingConsults: 2 });

    // Act
    const accepted = await async.emit(emitInput(3));
    if (accepted.result.outcome !== 'accepted') throw new Error('expected accepted');
    const { protocol } = accepted.result;
    const consults = [];
    for (let i = 0; i < 3; i++) consults.push(await async.consult({ companyCnpj: CNPJ, protocol, rpsXml: emitInput(3).rpsXml, nfseXmlKey: 'nfse/3.xml' }));

    // Assert
    expect(consults.map((outcome) => outcome.result.outcome)).toEqual(['accepted', 'accepted', 'issued']);
    expect(consults[2]?.result).toEqual({ outcome: 'issued', nfseNumber: '1', verificationCode: expect.any(String), issuedAt: expect.any(String), nfseXmlKey: 'nfse/3.xml', protocol });
    expect(mock.stats().calls).toEqual({ RecepcionarLoteRps: 1, ConsultarLoteRps: 3 });
  });

  it('answers an async resend of an issued RPS (E10) with the existing NFS-e', async () => {
    // Arrange
    const issued = await sync.emit(emitInput(13));

    // Act
    const resent = await async.emit(emitInput(13));

    // Assert
    expect(resent).toEqual(issued);
    expect(mock.stats().byRps[`${SAO_PAULO}/${CNPJ}/1/13`]).toEqual({ calls: { GerarNfse: 1, RecepcionarLoteRps: 1, ConsultarNfsePorRps: 1 }, nfseIssued: 1 });
  });

  it('fails a batch consult that gets no answer with Provider.Transient (consults are safe to repeat)', async () => {
    // Arrange
    mock.knobs.set({ defaultMode: 'async' });
    const accepted = await async.emit(emitInput(14));
    if (accepted.result.outcome !== 'accepted') throw new Error('expected accepted');
    mock.knobs.failNext({ kind: 'acceptThenTimeout', count: 1, operations: ['ConsultarLoteRps'] });

    // Act
    const error = await async.consult({ companyCnpj: CNPJ, protocol: accepted.result.protocol, rpsXml: emitInput(14).rpsXml, nfseXmlKey: 'nfse/14.xml' }).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(TransientProviderError);
    expect((error as TransientProviderError).code).toBe('ESOCKETTIMEDOUT');
  });

  it('fails with Provider.Rejected and the city code when the city rejects', async () => {
    // Arrange
    mock.knobs.failNext({ kind: 'rejection', count: 1 });

    // Act
    const error = await sync.emit(emitInput(4)).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(RejectedProviderError);
    expect((error as RejectedProviderError).toTaskFailure()).toEqual({ error: 'Provider.Rejected', cause: JSON.stringify({ code: 'E160', message: 'Rejeição simulada pelo provedor (mock).' }) });
  });

  it('fails with Provider.Transient on HTTP 503', async () => {
    // Arrange
    mock.knobs.failNext({ kind: 'transient5xx', count: 1 });

    // Act
    const error = await sync.emit(emitInput(5)).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(TransientProviderError);
    expect((error as TransientProviderError).toCause()).toEqual({ code: 'HTTP_503', message: 'the city answered HTTP 503' });
    expect(mock.stats().issued).toBe(0);
  });

  it('fails with Provider.Transient on a "server busy" SOAP fault', async () => {
    // Arrange
    mock.knobs.failNext({ kind: 'soapFault', count: 1 });

    // Act
    const error = await sync.emit(emitInput(6)).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(TransientProviderError);
    expect((error as TransientProviderError).code).toBe('SOAP_FAULT');
    expect((error as TransientProviderError).errorName).toBe('Provider.Transient');
  });

  it('fails with Provider.Ambiguous when the city issues but never answers, and consult by RPS then finds the NFS-e', async () => {
    // Arrange
    mock.knobs.failNext({ kind: 'acceptThenTimeout', count: 1 });
    const input = emitInput(8);

    // Act
    const error = await sync.emit(input).catch((caught: unknown) => caught);
    const found = await sync.consultByRps(input);

    // Assert
    expect(error).toBeInstanceOf(AmbiguousProviderError);
    expect((error as AmbiguousProviderError).errorName).toBe('Provider.Ambiguous');
    expect(found?.result).toEqual({ outcome: 'issued', nfseNumber: '1', verificationCode: expect.any(String), issuedAt: expect.any(String), nfseXmlKey: 'nfse/8.xml' });
    expect(mock.stats().byRps[`${SAO_PAULO}/${CNPJ}/1/8`]?.nfseIssued).toBe(1);
  });

  it('returns undefined from consult by RPS when the city has no NFS-e for it', async () => {
    // Act
    const found = await sync.consultByRps(emitInput(999));

    // Assert
    expect(found).toBeUndefined();
  });

  it('cancels an NFS-e, and a repeated cancellation succeeds too', async () => {
    // Arrange
    const issued = await sync.emit(emitInput(9));
    if (issued.result.outcome !== 'issued') throw new Error('expected issued');
    const cancel = { companyCnpj: CNPJ, municipalityCode: SAO_PAULO, nfseNumber: issued.result.nfseNumber, reasonCode: 1 };

    // Act
    const cancelled = await sync.cancel(cancel);
    const again = await sync.cancel(cancel);

    // Assert
    expect(cancelled).toEqual({ outcome: 'cancelled', cancelledAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) });
    expect(again.outcome).toBe('cancelled');
    expect(mock.stats().cancelled).toBe(1);
  });

  it('fails a refused cancellation with Provider.Rejected and the city code', async () => {
    // Arrange
    const issued = await sync.emit(emitInput(10));
    if (issued.result.outcome !== 'issued') throw new Error('expected issued');
    mock.knobs.set({ rejectCancellations: true, cancellationRejectionCode: 'E159' });

    // Act
    const error = await sync.cancel({ companyCnpj: CNPJ, municipalityCode: SAO_PAULO, nfseNumber: issued.result.nfseNumber, reasonCode: 2 }).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(RejectedProviderError);
    expect((error as RejectedProviderError).toCause()).toEqual({ code: 'E159', message: 'Cancelamento não permitido para esta NFS-e (mock).' });
  });

  it('fails with Provider.Transient when the connection is refused', async () => {
    // Arrange: a port that was free a moment ago
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address() as net.AddressInfo;
        probe.close(() => resolve(address.port));
      });
    });
    const offline = await AbrasfProvider.create({ endpoint: `http://127.0.0.1:${port}/nfse`, timeoutMs: 1000 });

    // Act
    const error = await offline.emit(emitInput(11)).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(TransientProviderError);
    expect((error as TransientProviderError).code).toBe('ECONNREFUSED');
  });

  it('rejects an RPS the XSD refuses before sending it, when given a validator', async () => {
    // Arrange
    const { loadAbrasfValidator } = await import('../../../../adapter-container/xml/abrasfValidator');
    const validating = await AbrasfProvider.create({ endpoint: mock.cityUrl(SAO_PAULO), validator: await loadAbrasfValidator() });
    const input = emitInput(12);

    // Act
    const error = await validating.emit({ ...input, rpsXml: input.rpsXml.replace('<ItemListaServico>01.07', '<ItemListaServico>99.99') }).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(RejectedProviderError);
    expect((error as RejectedProviderError).code).toBe('XSD');
    expect(mock.stats().calls).toEqual({});
  });

  describe('an RPS the XSD refuses for a tomador value', () => {
    // The tomador's CEP typed with its dash (8 characters, so the length facet holds) breaks tsCep's
    // pattern, and libxml2's message quotes the value it refuses: part of the tomador's address.
    const TYPED_CEP = '01001-00';

    function withTypedCep(numero: number): ReturnType<typeof emitInput> {
      const input = emitInput(numero);
      return { ...input, rpsXml: input.rpsXml.replace('<Cep>01001000</Cep>', `<Cep>${TYPED_CEP}</Cep>`) };
    }

    it('is rejected by our validator naming element, facet and line, never the value', async () => {
      // Arrange
      const { loadAbrasfValidator } = await import('../../../../adapter-container/xml/abrasfValidator');
      const validating = await AbrasfProvider.create({ endpoint: mock.cityUrl(SAO_PAULO), validator: await loadAbrasfValidator() });

      // Act
      const error = await validating.emit(withTypedCep(30)).catch((caught: unknown) => caught);

      // Assert
      expect(error).toBeInstanceOf(RejectedProviderError);
      expect((error as RejectedProviderError).toCause()).toEqual({ code: 'XSD', message: 'the GerarNfse request does not match the ABRASF 2.04 XSD: line 1: element Cep breaks facet pattern' });
      expect(mock.stats().calls).toEqual({});
    });

    it('is rejected by the city (E160) with a Correcao that names element, facet and line, never the value', async () => {
      // Act
      const error = await sync.emit(withTypedCep(31)).catch((caught: unknown) => caught);

      // Assert
      expect(error).toBeInstanceOf(RejectedProviderError);
      expect((error as RejectedProviderError).messages).toEqual([{ code: 'E160', message: 'Arquivo em desacordo com o XML Schema.', correction: 'line 1: element Cep breaks facet pattern' }]);
    });
  });

  describe('an NFS-e that is not ours', () => {
    it('is refused with Provider.Mismatch when the city has another NFS-e under our RPS number', async () => {
      // Arrange: the city issued RPS 20 for 1500.50; ours is RPS 20 for 987.65
      await sync.emit(emitInput(20));
      const ours = { ...emitInput(20), rpsXml: buildRpsXml(rpsInvoice({ rps: { serie: '1', numero: 20 }, total: '987.65' })) };

      // Act
      const error = await sync.consultByRps(ours).catch((caught: unknown) => caught);

      // Assert
      expect(error).toBeInstanceOf(MismatchProviderError);
      const failure = (error as MismatchProviderError).toTaskFailure();
      expect(failure.error).toBe('Provider.Mismatch');
      expect(JSON.parse(failure.cause)).toEqual({
        code: 'NfseMismatch',
        message: expect.stringMatching(/^the city answered with NFS-e 1 \(verification [A-Z0-9]{8}\), not the one for this RPS: ValorServicos 1500\.50, expected 987\.65$/),
      });
    });

    it('is refused when "RPS já informado" leads to another prestador\'s NFS-e', async () => {
      // Arrange: the city knows RPS 21 of our CNPJ, declared with an inscrição municipal we do not have
      await sync.emit({ ...emitInput(21), rpsXml: buildRpsXml(rpsInvoice({ rps: { serie: '1', numero: 21 } }), { inscricaoMunicipal: '99999' }) });

      // Act
      const error = await sync.emit(emitInput(21)).catch((caught: unknown) => caught);

      // Assert
      expect(error).toBeInstanceOf(MismatchProviderError);
      expect((error as Error).message).toContain('InscricaoMunicipal 99999, expected (none)');
      expect(mock.stats().issued).toBe(1);
    });

    it('is refused when another municipality issued it (OrgaoGerador)', async () => {
      // Arrange: a client for Rio pointed, by mistake, at São Paulo's system
      const misrouted = await AbrasfProvider.create({ endpoint: mock.cityUrl(SAO_PAULO), municipalityCode: RIO, timeoutMs: 1000 });

      // Act
      const error = await misrouted.emit(emitInput(22)).catch((caught: unknown) => caught);

      // Assert
      expect(error).toBeInstanceOf(MismatchProviderError);
      expect((error as Error).message).toContain('OrgaoGerador 3550308, expected 3304557');
    });

    it('is refused from a batch consult too', async () => {
      // Arrange
      mock.knobs.set({ cityModes: { [SAO_PAULO]: 'async' }, pendingConsults: 0 });
      const accepted = await async.emit(emitInput(23));
      if (accepted.result.outcome !== 'accepted') throw new Error('expected accepted');

      // Act
      const error = await async.consult({ companyCnpj: CNPJ, protocol: accepted.result.protocol, rpsXml: emitInput(24).rpsXml, nfseXmlKey: 'nfse/24.xml' }).catch((caught: unknown) => caught);

      // Assert
      expect(error).toBeInstanceOf(MismatchProviderError);
      expect((error as Error).message).toContain('IdentificacaoRps (numero/serie/tipo) 23/1/1, expected 24/1/1');
    });
  });
});
