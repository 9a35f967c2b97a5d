import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NacionalProvider } from '../../../../adapter-container/providers/nacional/NacionalProvider';
import { nacionalValidator } from '../../../../adapter-container/providers/nacional/nacionalSchemas';
import { SefinClient } from '../../../../adapter-container/providers/nacional/SefinClient';
import { AmbiguousProviderError, MismatchProviderError, RejectedProviderError, TransientProviderError } from '../../../../adapter-container/providers/errors';
import { initXmlReader } from '../../../../adapter-container/xml/XmlReader';
import type { CancelProviderRequest, EmitProviderRequest } from '../../../../contracts/providerRequest';
import { createTestCa, type TestCa } from '../../../../local/certificates/testPki';
import type { NacionalMock } from '../../../../local/provider-mock/nacional';
import { dpsOf, INVOICE_ID, NACIONAL_CNPJ, nacionalEmitRequest, OTHER_CNPJ, portoAlegreConfig, startTestNacionalMock, testCredentials } from './nacionalFixtures';

const signal = (): AbortSignal => new AbortController().signal;

/** A provider whose calls carry one company's credentials. */
interface BoundProvider {
  emit(request: EmitProviderRequest, dpsXml: string, signal: AbortSignal): ReturnType<NacionalProvider['emit']>;
  consultByRps(request: EmitProviderRequest, dpsXml: string, signal: AbortSignal): ReturnType<NacionalProvider['consultByRps']>;
  cancel(request: CancelProviderRequest, signal: AbortSignal): ReturnType<NacionalProvider['cancel']>;
}

describe('NacionalProvider against the Sefin Nacional mock', () => {
  let ca: TestCa;
  let mock: NacionalMock;
  let caFile: string;
  let credentials: ReturnType<typeof testCredentials>;
  let danfseProblems: string[];

  /** The provider, each call made with `cnpj`'s credentials as the worker hands them. */
  const providerFor = async (options: { readonly timeoutMs?: number; readonly cnpj?: string; readonly from?: ReturnType<typeof testCredentials> } = {}): Promise<BoundProvider> => {
    const municipality = portoAlegreConfig(mock.url, caFile);
    const client = new SefinClient({ baseUrl: mock.url, timeoutMs: options.timeoutMs ?? 5_000 });
    const provider = new NacionalProvider({
      municipality,
      client,
      validators: { dps: await nacionalValidator('dps'), pedRegEvento: await nacionalValidator('pedRegEvento') },
      onDanfseUnavailable: (chave, error) => danfseProblems.push(`${chave}: ${String(error)}`),
    });
    const call = (options.from ?? credentials).for(options.cnpj ?? NACIONAL_CNPJ, municipality);
    return {
      emit: (request, dps, abort) => provider.emit(request, dps, abort, call),
      consultByRps: (request, dps, abort) => provider.consultByRps(request, dps, abort, call),
      cancel: (request, abort) => provider.cancel(request, abort, call),
    };
  };

  beforeAll(async () => {
    await initXmlReader();
    ca = createTestCa('nacional provider test CA');
    caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nacional-ca-')), 'ca.pem');
    fs.writeFileSync(caFile, ca.certificatePem);
    credentials = testCredentials(ca);
    mock = await startTestNacionalMock(ca);
  });

  afterAll(async () => {
    await mock.stop();
    credentials.destroy();
    fs.rmSync(path.dirname(caFile), { recursive: true, force: true });
  });

  beforeEach(() => {
    mock.reset();
    danfseProblems = [];
  });

  it('issues the NFS-e of a signed DPS and returns its key, number, XML and the DANFSe', async () => {
    const provider = await providerFor();

    const issued = await provider.emit(nacionalEmitRequest(1), dpsOf(1), signal());

    expect(issued.chaveAcesso).toMatch(/^431490222114447770001610000000000001\d{4}\d{10}$/);
    expect(issued).toMatchObject({ outcome: 'issued', nfseNumber: '1', nfseXmlKey: `nfse/${INVOICE_ID}.xml`, verificationCode: issued.chaveAcesso?.slice(40, 49), danfseKey: `nfse/${INVOICE_ID}.pdf` });
    expect(issued.nfseXml).toContain(`<infNFSe Id="NFS${issued.chaveAcesso}">`);
    expect((await nacionalValidator('nfse')).validate(issued.nfseXml)).toEqual({ valid: true, errors: [] });
    expect(Buffer.from(issued.danfsePdf ?? []).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(danfseProblems).toEqual([]);
    expect(mock.stats()).toMatchObject({ issued: 1, calls: { emit: 1, danfse: 1 }, byRps: { [`4314902/${NACIONAL_CNPJ}/1/1`]: { nfseIssued: 1, calls: { emit: 1 } } } });
  });

  it('answers a resend of an issued DPS (E0014) with the NFS-e already issued, never a second one', async () => {
    const provider = await providerFor();
    const first = await provider.emit(nacionalEmitRequest(2), dpsOf(2), signal());

    const again = await provider.emit(nacionalEmitRequest(2), dpsOf(2), signal());

    expect(again.chaveAcesso).toBe(first.chaveAcesso);
    expect(again.nfseNumber).toBe(first.nfseNumber);
    expect(mock.stats()).toMatchObject({ issued: 1, rejected: 1, calls: { emit: 2, readDps: 1, readNfse: 1 } });
  });

  it('looks a DPS up by its Id before a resend: nothing before it was issued, the NFS-e after', async () => {
    const provider = await providerFor();

    const before = await provider.consultByRps(nacionalEmitRequest(3), dpsOf(3), signal());
    const issued = await provider.emit(nacionalEmitRequest(3), dpsOf(3), signal());
    const after = await provider.consultByRps(nacionalEmitRequest(3), dpsOf(3), signal());

    expect(before).toBeUndefined();
    expect(after?.chaveAcesso).toBe(issued.chaveAcesso);
    expect(mock.stats().issued).toBe(1);
  });

  it('times out after the DPS was sent as Ambiguous, and the consult then finds the one NFS-e the city issued', async () => {
    const provider = await providerFor({ timeoutMs: 2_000 });
    mock.knobs.failNext({ kind: 'acceptThenTimeout', operations: ['emit'] });

    const timedOut = provider.emit(nacionalEmitRequest(4), dpsOf(4), signal());

    await expect(timedOut).rejects.toBeInstanceOf(AmbiguousProviderError);
    await expect(timedOut).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    const found = await provider.consultByRps(nacionalEmitRequest(4, { attempt: 1 }), dpsOf(4), signal());
    expect(found?.nfseNumber).toBe('1');
    expect(mock.stats()).toMatchObject({ issued: 1, calls: { emit: 1 } });
  });

  it('maps a 5xx to Provider.Transient', async () => {
    const provider = await providerFor();
    mock.knobs.failNext({ kind: 'transient5xx', operations: ['emit'] });

    await expect(provider.emit(nacionalEmitRequest(5), dpsOf(5), signal())).rejects.toEqual(new TransientProviderError('HTTP_503', 'the national system answered HTTP 503'));
    expect(mock.stats().issued).toBe(0);
  });

  it('keeps the code and message of a rejection (erros[])', async () => {
    const provider = await providerFor();
    mock.knobs.failNext({ kind: 'rejection', operations: ['emit'] });

    const rejected = provider.emit(nacionalEmitRequest(6), dpsOf(6), signal());

    await expect(rejected).rejects.toBeInstanceOf(RejectedProviderError);
    await expect(rejected).rejects.toMatchObject({ code: 'E0312', message: 'Rejeição simulada pela Sefin Nacional (mock).', messages: [{ code: 'E0312', message: 'Rejeição simulada pela Sefin Nacional (mock).' }] });
  });

  it('is refused when it signs and connects with another company\'s certificate', async () => {
    const stranger = testCredentials(ca, [OTHER_CNPJ]);
    const impostor = await providerFor({ cnpj: OTHER_CNPJ, from: stranger });

    await expect(impostor.emit(nacionalEmitRequest(7), dpsOf(7), signal())).rejects.toMatchObject({ code: 'E0715', message: 'O certificado da assinatura não pertence ao prestador.' });
    expect(mock.stats().issued).toBe(0);
  });

  it('refuses a DPS the XSD refuses before it leaves (Provider.Rejected XSD, nothing sent)', async () => {
    const provider = await providerFor();
    const broken = dpsOf(8).replace('<tpAmb>2</tpAmb>', '<tpAmb>7</tpAmb>');

    await expect(provider.emit(nacionalEmitRequest(8), broken, signal())).rejects.toEqual(new RejectedProviderError('XSD', 'the DPS does not match the NFS-e Nacional 1.01 XSD: line 1: element tpAmb breaks facet enumeration'));
    expect(mock.stats().calls.emit).toBeUndefined();
  });

  it('refuses (Provider.Mismatch) an NFS-e whose DPS is not ours: a DPS number never stands for other content', async () => {
    const provider = await providerFor();
    await provider.emit(nacionalEmitRequest(9), dpsOf(9, '250.00'), signal());

    const other = provider.consultByRps(nacionalEmitRequest(9), dpsOf(9, '999.00'), signal());

    await expect(other).rejects.toBeInstanceOf(MismatchProviderError);
    await expect(other).rejects.toThrow(/vServ 250\.00, expected 999\.00/);
  });

  describe('cancel', () => {
    const cancelRequest = (chaveAcesso: string, overrides: Partial<CancelProviderRequest> = {}): CancelProviderRequest => {
      const { invoice: _invoice, kind: _kind, ...common } = nacionalEmitRequest(1);
      return { ...common, kind: 'cancel', taskToken: 'token-cancel', nfseNumber: '1', chaveAcesso, reasonCode: 2, reason: 'Serviço não foi prestado', ...overrides };
    };

    it('registers the cancellation event e101101, and a repeat is a success with the same time', async () => {
      const provider = await providerFor();
      const issued = await provider.emit(nacionalEmitRequest(10), dpsOf(10), signal());
      const chave = issued.chaveAcesso ?? '';

      const cancelled = await provider.cancel(cancelRequest(chave), signal());
      const repeated = await provider.cancel(cancelRequest(chave), signal());

      expect(cancelled.outcome).toBe('cancelled');
      expect(repeated).toEqual(cancelled);
      expect(mock.stats()).toMatchObject({ cancelled: 1, calls: { event: 2, readEvents: 1 } });
    });

    it('keeps the national code when the system refuses the event', async () => {
      const provider = await providerFor();
      const issued = await provider.emit(nacionalEmitRequest(11), dpsOf(11), signal());
      mock.knobs.set({ rejectCancellations: true });

      await expect(provider.cancel(cancelRequest(issued.chaveAcesso ?? ''), signal())).rejects.toMatchObject({ errorName: 'Provider.Rejected', code: 'E0842', message: 'Cancelamento recusado (mock).' });
      expect(mock.stats().cancelled).toBe(0);
    });

    it('refuses before sending an event the layout refuses (a reason of 14 characters)', async () => {
      const provider = await providerFor();
      const issued = await provider.emit(nacionalEmitRequest(12), dpsOf(12), signal());

      await expect(provider.cancel(cancelRequest(issued.chaveAcesso ?? '', { reason: 'curto demais!!' }), signal())).rejects.toMatchObject({ code: 'XSD', message: expect.stringMatching(/element xMotivo breaks facet minLength/) });
      expect(mock.stats().calls.event).toBeUndefined();
    });
  });
});
