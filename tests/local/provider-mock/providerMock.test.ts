import { Writable } from 'node:stream';
import pino from 'pino';
import { AbrasfSoapTransport } from '../../../adapter-container/providers/abrasf-2.04/AbrasfSoapTransport';
import {
  cabecalhoXml,
  cancelarNfseEnvioXml,
  consultarLoteRpsEnvioXml,
  consultarNfseRpsEnvioXml,
  enviarLoteRpsEnvioXml,
  gerarNfseEnvioXml,
  substituirNfseEnvioXml,
} from '../../../adapter-container/xml/abrasfMessages';
import { loadAbrasfValidator } from '../../../adapter-container/xml/abrasfValidator';
import { buildRpsXml } from '../../../tasks/emit/rps/buildRpsXml';
import type { SchemaValidator } from '../../../adapter-container/xml/SchemaValidator';
import { startProviderMock, type ProviderMock } from '../../../local/provider-mock/startProviderMock';
import { ALPHANUMERIC_CNPJ, CNPJ, rpsInvoice, SAO_PAULO } from '../../adapter-container/xml/rpsFixtures';
import { eventually } from '../../harness/eventually';

const RIO = '3304557';
const JSON_TYPE = { 'content-type': 'application/json' };
const rpsXml = (numero: number, companyCnpj = CNPJ, municipalityCode = SAO_PAULO): string => buildRpsXml(rpsInvoice({ companyCnpj, municipalityCode, rps: { serie: '1', numero } }));
const codeOf = (outputXml: string): string | undefined => /<Codigo>([^<]+)<\/Codigo>/.exec(outputXml)?.[1];

describe('provider mock', () => {
  let mock: ProviderMock;
  let soap: AbrasfSoapTransport;
  let rio: AbrasfSoapTransport;
  let validator: SchemaValidator;
  const call = (operation: Parameters<AbrasfSoapTransport['call']>[0], dados: string, city = soap): Promise<string> => city.call(operation, cabecalhoXml(), dados, false);

  beforeAll(async () => {
    mock = await startProviderMock({ port: 0, logger: pino({ level: 'silent' }) });
    soap = await AbrasfSoapTransport.create({ endpoint: mock.cityUrl(SAO_PAULO), timeoutMs: 2000 });
    rio = await AbrasfSoapTransport.create({ endpoint: mock.cityUrl(RIO), timeoutMs: 2000 });
    const loaded = await loadAbrasfValidator();
    if (loaded === undefined) throw new Error('the ABRASF XSDs are required by this suite');
    validator = loaded;
  });

  afterAll(async () => {
    await mock.stop();
  });

  beforeEach(() => {
    mock.reset();
  });

  describe('SOAP', () => {
    it('serves the WSDL with its own address on GET ?wsdl', async () => {
      // Act
      const response = await fetch(`${mock.cityUrl(SAO_PAULO)}?wsdl`);
      const wsdl = await response.text();

      // Assert
      expect(response.status).toBe(200);
      expect(wsdl).toContain(`<soap:address location="${mock.cityUrl(SAO_PAULO)}"/>`);
      expect(wsdl).toContain('<xsd:element name="GerarNfseRequest" type="tns:input"/><xsd:element name="GerarNfseResponse" type="tns:output"/>');
    });

    it('answers every operation with documents the XSD accepts', async () => {
      // Arrange
      mock.knobs.set({ cityModes: { '3304557': 'async' }, pendingConsults: 1 });
      const asyncRps = buildRpsXml(rpsInvoice({ municipalityCode: '3304557', rps: { serie: '1', numero: 2 } }));

      // Act
      const answers = [
        await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1))),
        await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1))),
        await call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ)),
        await call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml({ serie: '1', numero: 404 }, CNPJ)),
        await call('RecepcionarLoteRps', enviarLoteRpsEnvioXml(asyncRps, { numeroLote: 2, cnpj: CNPJ }), rio),
      ];
      const protocolo = /<Protocolo>([^<]+)<\/Protocolo>/.exec(answers[4] ?? '')?.[1] ?? '';
      answers.push(await call('ConsultarLoteRps', consultarLoteRpsEnvioXml(CNPJ, protocolo), rio));
      answers.push(await call('ConsultarLoteRps', consultarLoteRpsEnvioXml(CNPJ, protocolo), rio));
      answers.push(await call('CancelarNfse', cancelarNfseEnvioXml({ nfseNumber: '1', cnpj: CNPJ, municipalityCode: SAO_PAULO, reasonCode: 1 })));
      answers.push(await call('CancelarNfse', cancelarNfseEnvioXml({ nfseNumber: '1', cnpj: CNPJ, municipalityCode: SAO_PAULO, reasonCode: 1 })));
      answers.push(await call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ)));

      // Assert
      expect(answers.map((xml) => /^<(\w+)/.exec(xml)?.[1])).toEqual([
        'GerarNfseResposta',
        'GerarNfseResposta',
        'ConsultarNfseRpsResposta',
        'ConsultarNfseRpsResposta',
        'EnviarLoteRpsResposta',
        'ConsultarLoteRpsResposta',
        'ConsultarLoteRpsResposta',
        'CancelarNfseResposta',
        'CancelarNfseResposta',
        'ConsultarNfseRpsResposta',
      ]);
      expect(answers.map(codeOf)).toEqual([undefined, 'E10', undefined, 'E4', undefined, 'E92', undefined, undefined, 'E79', undefined]);
      expect(answers.map((xml) => validator.validate(xml).errors)).toEqual(answers.map(() => []));
      expect(answers[6]).toContain('<Situacao>4</Situacao>');
      expect(answers[9]).toContain('<NfseCancelamento versao="2.04">');
    });

    it('substitutes like a city: the new NFS-e names the old, the old is cancelled by it, and what it refuses carries ABRASF codes, every document valid', async () => {
      // Arrange
      await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1)));
      await call('GerarNfse', gerarNfseEnvioXml(rpsXml(2)));
      await call('CancelarNfse', cancelarNfseEnvioXml({ nfseNumber: '2', cnpj: CNPJ, municipalityCode: SAO_PAULO, reasonCode: 1 }));
      const replacing = (numero: string, rps: number): string => substituirNfseEnvioXml(rpsXml(rps), { nfseNumber: numero, cnpj: CNPJ, municipalityCode: SAO_PAULO, reasonCode: 1 });

      // Act
      const answers = [
        await call('SubstituirNfse', replacing('1', 3)),
        // The same request again (a lost answer): the old one is cancelled already.
        await call('SubstituirNfse', replacing('1', 3)),
        await call('SubstituirNfse', replacing('2', 4)),
        await call('SubstituirNfse', replacing('99', 5)),
        await call('SubstituirNfse', substituirNfseEnvioXml(rpsXml(6, '11444777000161'), { nfseNumber: '3', cnpj: '11444777000161', municipalityCode: SAO_PAULO, reasonCode: 1 })),
        await call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ)),
        await call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml({ serie: '1', numero: 3 }, CNPJ)),
      ];

      // Assert
      expect(answers.map((xml) => /^<(\w+)/.exec(xml)?.[1])).toEqual(['SubstituirNfseResposta', 'SubstituirNfseResposta', 'SubstituirNfseResposta', 'SubstituirNfseResposta', 'SubstituirNfseResposta', 'ConsultarNfseRpsResposta', 'ConsultarNfseRpsResposta']);
      expect(answers.map(codeOf)).toEqual([undefined, 'E79', 'E79', 'E78', 'E78', undefined, undefined]);
      expect(answers.map((xml) => validator.validate(xml).errors)).toEqual(answers.map(() => []));
      expect(answers[1]).toContain('<Mensagem>Essa NFS-e já está cancelada: substituída pela NFS-e 3.</Mensagem>');
      // The answer carries both notes: the replaced one with its cancellation and substitution, the new one naming it.
      expect(/<NfseSubstituida><CompNfse[^>]*><Nfse versao="2\.04"><InfNfse Id="Nfse1"><Numero>1<\/Numero>/.test(answers[0] ?? '')).toBe(true);
      expect(answers[0]).toContain('<NfseSubstituicao versao="2.04"><SubstituicaoNfse Id="Subst1"><NfseSubstituidora>3</NfseSubstituidora></SubstituicaoNfse></NfseSubstituicao></CompNfse></NfseSubstituida>');
      expect(answers[0]).toMatch(/<NfseSubstituidora><CompNfse[^>]*><Nfse versao="2\.04"><InfNfse Id="Nfse3"><Numero>3<\/Numero><CodigoVerificacao>\w+<\/CodigoVerificacao><DataEmissao>[^<]+<\/DataEmissao><NfseSubstituida>1<\/NfseSubstituida>/);
      expect(answers[5]).toContain('<NfseCancelamento versao="2.04"><Confirmacao><Pedido><InfPedidoCancelamento Id="Cancel1">');
      expect(answers[5]).toContain('<NfseSubstituidora>3</NfseSubstituidora>');
      expect(answers[6]).toContain('<NfseSubstituida>1</NfseSubstituida>');
      expect(mock.stats()).toMatchObject({ issued: 3, cancelled: 1, substituted: 1, rejected: 4, calls: { GerarNfse: 2, CancelarNfse: 1, SubstituirNfse: 5, ConsultarNfsePorRps: 2 } });
      expect(mock.stats().byRps[`${SAO_PAULO}/${CNPJ}/1/3`]).toEqual({ calls: { SubstituirNfse: 2, ConsultarNfsePorRps: 1 }, nfseIssued: 1 });
    });

    it('understands clients of ABRASF’s own WSDL namespace', async () => {
      // Arrange
      const abrasfClient = await AbrasfSoapTransport.create({ endpoint: mock.cityUrl(SAO_PAULO), soapNamespace: 'http://nfse.abrasf.org.br' });

      // Act
      const output = await abrasfClient.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(1)), false);

      // Assert
      expect(output).toMatch(/^<GerarNfseResposta xmlns="http:\/\/www\.abrasf\.org\.br\/nfse\.xsd"><ListaNfse><CompNfse/);
    });

    it('rejects a request the XSD refuses with E160 naming the element', async () => {
      // Act
      const output = await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1).replace('<Competencia>2026-11-20</Competencia>', '')));

      // Assert
      expect(codeOf(output)).toBe('E160');
      expect(output).toContain('<Correcao>line 1: element Servico is not expected here</Correcao>');
      expect(mock.stats()).toMatchObject({ issued: 0, rejected: 1 });
    });

    it('refuses GerarNfse in a city that only processes batches', async () => {
      // Arrange
      mock.knobs.set({ defaultMode: 'async' });

      // Act
      const output = await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1)));

      // Assert
      expect(codeOf(output)).toBe('E999');
    });

    it('accepts an alphanumeric CNPJ unless told the city does not yet', async () => {
      // Act
      const accepted = await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1, ALPHANUMERIC_CNPJ)));
      mock.knobs.set({ acceptAlphanumericCnpj: false });
      const refused = await call('GerarNfse', gerarNfseEnvioXml(rpsXml(2, ALPHANUMERIC_CNPJ)));

      // Assert
      expect(codeOf(accepted)).toBeUndefined();
      expect(accepted).toContain(`<Cnpj>${ALPHANUMERIC_CNPJ}</Cnpj>`);
      expect(codeOf(refused)).toBe('E46');
    });

    it('answers a duplicate RPS with the existing NFS-e when duplicateRps is returnExisting', async () => {
      // Arrange
      mock.knobs.set({ duplicateRps: 'returnExisting' });
      const first = await call('GerarNfse', gerarNfseEnvioXml(rpsXml(5)));

      // Act
      const second = await call('GerarNfse', gerarNfseEnvioXml(rpsXml(5)));

      // Assert
      expect(second).toBe(first);
      expect(mock.stats().byRps[`${SAO_PAULO}/${CNPJ}/1/5`]).toEqual({ calls: { GerarNfse: 2 }, nfseIssued: 1 });
    });
  });

  describe('one system per city', () => {
    it('numbers and indexes each city’s RPS apart: RPS 1 in São Paulo and RPS 1 in Rio are two NFS-e', async () => {
      // Act
      const paulista = await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1)));
      const carioca = await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1, CNPJ, RIO)), rio);
      const foundInRio = await call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ), rio);

      // Assert
      expect([paulista, carioca].map(codeOf)).toEqual([undefined, undefined]);
      expect(carioca).toContain(`<OrgaoGerador><CodigoMunicipio>${RIO}</CodigoMunicipio><Uf>RJ</Uf></OrgaoGerador>`);
      expect(foundInRio).toContain(`<OrgaoGerador><CodigoMunicipio>${RIO}</CodigoMunicipio>`);
      expect(mock.stats()).toMatchObject({
        issued: 2,
        byRps: { [`${SAO_PAULO}/${CNPJ}/1/1`]: { calls: { GerarNfse: 1 }, nfseIssued: 1 }, [`${RIO}/${CNPJ}/1/1`]: { calls: { GerarNfse: 1, ConsultarNfsePorRps: 1 }, nfseIssued: 1 } },
      });
    });

    it('shares one RPS index across cities when rpsScope is shared (a misbehaving provider)', async () => {
      // Arrange
      mock.knobs.set({ rpsScope: 'shared' });
      await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1)));

      // Act
      const carioca = await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1, CNPJ, RIO)), rio);
      const foundInRio = await call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ), rio);

      // Assert
      expect(codeOf(carioca)).toBe('E10');
      expect(foundInRio).toContain(`<OrgaoGerador><CodigoMunicipio>${SAO_PAULO}</CodigoMunicipio>`);
    });

    it('answers 404 naming the expected path when a request names no city', async () => {
      // Act
      const response = await fetch(mock.url, { method: 'POST', body: '<x/>' });

      // Assert
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "no city system at /nfse: each municipality's answers at /nfse/{IBGE code}, e.g. /nfse/3550308" });
    });
  });

  describe('knobs', () => {
    it('waits latencyMs before answering', async () => {
      // Arrange
      mock.knobs.set({ latencyMs: 150 });
      const started = Date.now();

      // Act
      await call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ));

      // Assert
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    });

    it("waits a city's own latency instead of latencyMs, and only for that city", async () => {
      // Arrange: Rio slow, São Paulo at the default (none).
      mock.knobs.set({ cityLatencyMs: { [RIO]: 1_500 } });
      const order: string[] = [];
      const started = Date.now();

      // Act: both at once.
      await Promise.all([
        call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ), rio).then(() => order.push('rio')),
        call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ)).then(() => order.push('sao-paulo')),
      ]);

      // Assert
      expect(order).toEqual(['sao-paulo', 'rio']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
      expect(mock.knobs.get().latencyMs).toBe(0);
    });

    it('injects failures at the configured rate, only for the chosen operations', async () => {
      // Arrange
      mock.knobs.set({ errorRates: { transient5xx: 1 }, errorOperations: ['GerarNfse'] });

      // Act
      const failed = await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1))).catch((error: unknown) => error);
      const consulted = await call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ));

      // Assert
      expect(failed).toMatchObject({ errorName: 'Provider.Transient', code: 'HTTP_503' });
      expect(codeOf(consulted)).toBe('E4');
      expect(mock.stats().injected).toEqual({ transient5xx: 1 });
    });

    it('fails exactly the next N calls of an operation, then recovers', async () => {
      // Arrange
      mock.knobs.failNext({ kind: 'soapFault', count: 2, operations: ['GerarNfse'] });

      // Act
      const outcomes = [];
      for (const numero of [1, 2, 3]) outcomes.push(await call('GerarNfse', gerarNfseEnvioXml(rpsXml(numero))).then(() => 'ok', (error: { code?: string }) => error.code));

      // Assert
      expect(outcomes).toEqual(['SOAP_FAULT', 'SOAP_FAULT', 'ok']);
      expect(mock.stats()).toMatchObject({ calls: { GerarNfse: 3 }, injected: { soapFault: 2 }, issued: 1 });
    });
  });

  describe('open calls', () => {
    it('counts a held call as open until its caller closes the connection, and keeps the peak', async () => {
      // Arrange
      mock.knobs.failNext({ kind: 'acceptThenTimeout', count: 2, operations: ['GerarNfse'] });
      const controller = new AbortController();
      const held = call('GerarNfse', gerarNfseEnvioXml(rpsXml(1))).catch(() => 'closed');
      const abandoned = soap.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(2)), false, controller.signal).catch(() => 'aborted');
      const bothOpen = await eventually('two calls open at the city', () => mock.open(), (open) => open.calls === 2, { timeoutMs: 2_000 });

      // Act
      controller.abort(new Error('the adapter gave up'));
      const whileHeld = await eventually('the abandoned call closed', () => mock.open(), (open) => open.calls === 1, { timeoutMs: 2_000 });

      // Assert
      expect(await abandoned).toBe('aborted');
      // Earlier tests' keep-alive connections may still be open: the abandoned call's one is gone.
      expect(whileHeld).toMatchObject({ connections: bothOpen.connections - 1, calls: 1, peakCalls: 2, byCity: { [SAO_PAULO]: { calls: 1, peakCalls: 2 } } });
      mock.reset();
      expect(mock.open()).toMatchObject({ calls: 1, peakCalls: 1 });
      await held;
    });
  });

  describe('each city\'s calls', () => {
    it('counts each city system\'s open calls apart and keeps when each call arrived, until reset', async () => {
      // Arrange
      const before = Date.now();
      mock.knobs.failNext({ kind: 'acceptThenTimeout', count: 1, operations: ['GerarNfse'] });
      const controller = new AbortController();
      const held = soap.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(1)), false, controller.signal).catch(() => 'aborted');
      await eventually('the call held at São Paulo', () => mock.open().byCity[SAO_PAULO]?.calls, (n) => n === 1, { timeoutMs: 2_000 });

      // Act
      await call('GerarNfse', gerarNfseEnvioXml(rpsXml(2)));
      await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1, CNPJ, RIO)), rio);
      const open = mock.open();
      controller.abort(new Error('done'));
      await held;

      // Assert
      expect(open.byCity).toEqual({ [SAO_PAULO]: { calls: 1, peakCalls: 2 }, [RIO]: { calls: 0, peakCalls: 1 } });
      const [first, second, ...more] = mock.callStarts(SAO_PAULO);
      expect(more).toEqual([]);
      expect(first).toBeGreaterThanOrEqual(before);
      expect(second).toBeGreaterThanOrEqual(first ?? Number.POSITIVE_INFINITY);
      expect(mock.callStarts(RIO)).toHaveLength(1);
      mock.reset();
      expect([mock.callStarts(SAO_PAULO), mock.callStarts(RIO)]).toEqual([[], []]);
    });
  });

  describe('admin API', () => {
    it('sets and reads knobs over HTTP', async () => {
      // Act
      const set = await fetch(`${mock.url.replace('/nfse', '')}/_mock/config`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ latencyMs: 5, errorRates: { rejection: 0.5 } }) });
      const read = await fetch(`${mock.url.replace('/nfse', '')}/_mock/config`).then((response) => response.json());

      // Assert
      expect(set.status).toBe(200);
      expect(read).toMatchObject({ latencyMs: 5, errorRates: { transient5xx: 0, soapFault: 0, rejection: 0.5, acceptThenTimeout: 0 } });
    });

    it('answers 400 to invalid knobs and leaves them unchanged', async () => {
      // Act
      const response = await fetch(`${mock.url.replace('/nfse', '')}/_mock/config`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ latencyMs: -1 }) });

      // Assert
      expect(response.status).toBe(400);
      expect(mock.knobs.get().latencyMs).toBe(0);
    });

    it('queues failures, counts calls per operation and per RPS, and resets', async () => {
      // Arrange
      const base = mock.url.replace('/nfse', '');
      const queued = await fetch(`${base}/_mock/fail`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ kind: 'rejection', count: 1 }) }).then((response) => response.json());

      // Act
      const rejected = await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1)));
      await call('GerarNfse', gerarNfseEnvioXml(rpsXml(1)));
      const stats = await fetch(`${base}/_mock/stats`).then((response) => response.json());
      const reset = await fetch(`${base}/_mock/reset`, { method: 'POST', headers: JSON_TYPE });

      // Assert
      expect(queued).toEqual({ pending: 1 });
      expect(codeOf(rejected)).toBe('E160');
      expect(stats).toEqual({
        calls: { GerarNfse: 2 },
        injected: { rejection: 1 },
        issued: 1,
        cancelled: 0,
        rejected: 1,
        substituted: 0,
        byRps: { [`${SAO_PAULO}/${CNPJ}/1/1`]: { calls: { GerarNfse: 2 }, nfseIssued: 1 } },
      });
      expect(reset.status).toBe(200);
      expect(mock.stats()).toEqual({ calls: {}, injected: {}, issued: 0, cancelled: 0, rejected: 0, substituted: 0, byRps: {} });
    });
  });

  describe('without the XSDs', () => {
    it('starts, warns that validation is off, and still answers', async () => {
      // Arrange
      const lines: string[] = [];
      const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
      const previous = process.env.NFSE_SCHEMAS_DIR;
      process.env.NFSE_SCHEMAS_DIR = '/nonexistent/schemas';
      let unvalidated: ProviderMock | undefined;
      try {
        unvalidated = await startProviderMock({ port: 0, logger: pino({ level: 'warn' }, sink) });
        const client = await AbrasfSoapTransport.create({ endpoint: unvalidated.cityUrl(SAO_PAULO) });

        // Act
        const output = await client.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(1)), false);

        // Assert
        expect(unvalidated.validationEnabled).toBe(false);
        expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['ABRASF XSDs not found (set NFSE_SCHEMAS_DIR): XML validation is OFF']);
        expect(output).toContain('<ListaNfse><CompNfse');
      } finally {
        if (previous === undefined) delete process.env.NFSE_SCHEMAS_DIR;
        else process.env.NFSE_SCHEMAS_DIR = previous;
        await unvalidated?.stop();
      }
    });
  });
});
