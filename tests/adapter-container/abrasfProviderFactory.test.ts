// Tests the seam between the worker and providers/abrasf-2.04 (whose own tests live in tests/adapter-container/providers/).
import { Agent } from 'node:https';
import { AbrasfProvider } from '../../adapter-container/providers/abrasf-2.04';
import { abrasfProviderFactory } from '../../adapter-container/providers/abrasfProviderFactory';
import { deferred } from './support/FakeProvider';
import { emitRequest, INVOICE_ID, NFSE_XML, SAO_PAULO, testRegistry } from './support/fixtures';

const ISSUED = { outcome: 'issued', nfseNumber: '42', verificationCode: 'ABC', issuedAt: '2026-01-01T00:00:00.000Z', nfseXmlKey: `nfse/${INVOICE_ID}.xml` } as const;

function fakeClient(overrides: Partial<Pick<AbrasfProvider, 'emit' | 'consultByRps' | 'substitute'>>): AbrasfProvider {
  return overrides as unknown as AbrasfProvider;
}

describe('abrasfProviderFactory', () => {
  afterEach(() => jest.restoreAllMocks());

  it('creates one client per municipality from the registry (with what it signs) and hands emit the RPS, the keys, the worker\'s signal and the company\'s credentials', async () => {
    const emit = jest.fn(async () => ({ result: ISSUED, nfseXml: NFSE_XML }));
    const create = jest.spyOn(AbrasfProvider, 'create').mockResolvedValue(fakeClient({ emit }));
    const municipality = testRegistry({ mode: 'async' }).get(SAO_PAULO);
    if (municipality === undefined) throw new Error('no São Paulo in the test registry');
    const provider = abrasfProviderFactory({ timeoutMs: 5_000 })(municipality);
    const signal = new AbortController().signal;

    const credentials = { agent: new Agent() };

    const first = await provider.emit(emitRequest(), '<Rps/>', signal, credentials);
    await provider.emit(emitRequest(), '<Rps/>', signal);

    expect(first).toEqual({ ...ISSUED, nfseXml: NFSE_XML });
    expect(create.mock.calls).toEqual([[{ timeoutMs: 5_000, endpoint: 'http://127.0.0.1:4580', mode: 'async', municipalityCode: '3550308', signing: { algorithm: 'rsa-sha256', elements: [] } }]]);
    expect(emit.mock.calls).toEqual([
      [{ companyCnpj: '11222333000181', rps: { serie: 'A', numero: 7 }, rpsXml: '<Rps/>', nfseXmlKey: `nfse/${INVOICE_ID}.xml` }, signal, credentials],
      [{ companyCnpj: '11222333000181', rps: { serie: 'A', numero: 7 }, rpsXml: '<Rps/>', nfseXmlKey: `nfse/${INVOICE_ID}.xml` }, signal, undefined],
    ]);
  });

  it('sends a substitution as SubstituirNfse naming the replaced NFS-e of the invoice\'s municipality, and consults its RPS with that number before a resend', async () => {
    const emit = jest.fn();
    const substitute = jest.fn(async () => ({ result: ISSUED, nfseXml: NFSE_XML }));
    const consultByRps = jest.fn(async () => undefined);
    jest.spyOn(AbrasfProvider, 'create').mockResolvedValue(fakeClient({ emit, substitute, consultByRps }));
    const municipality = testRegistry().get(SAO_PAULO);
    if (municipality === undefined) throw new Error('no São Paulo in the test registry');
    const provider = abrasfProviderFactory()(municipality);
    const signal = new AbortController().signal;
    const { kind: _kind, ...fields } = emitRequest();
    const request = { ...fields, kind: 'substitute' as const, substitutes: { nfseNumber: '41', reasonCode: 2 } };

    const outcome = await provider.emit(request, '<Rps/>', signal);
    await provider.consultByRps(request, '<Rps/>', signal);

    expect(outcome).toEqual({ ...ISSUED, nfseXml: NFSE_XML });
    expect(emit).not.toHaveBeenCalled();
    const ours = { companyCnpj: '11222333000181', rps: { serie: 'A', numero: 7 }, rpsXml: '<Rps/>', nfseXmlKey: `nfse/${INVOICE_ID}.xml` };
    expect(substitute.mock.calls).toEqual([[{ ...ours, replaced: { nfseNumber: '41', reasonCode: 2, municipalityCode: SAO_PAULO } }, signal, undefined]]);
    expect(consultByRps.mock.calls).toEqual([[{ ...ours, replaces: '41' }, signal, undefined]]);
  });

  it('gives the client the city\'s own answer codes from the registry over the shared defaults', async () => {
    const create = jest.spyOn(AbrasfProvider, 'create').mockResolvedValue(fakeClient({ emit: jest.fn(async () => ({ result: ISSUED, nfseXml: NFSE_XML })) }));
    const municipality = testRegistry({ codes: { rpsAlreadyInformed: ['L018'] } }).get(SAO_PAULO);
    if (municipality === undefined) throw new Error('no São Paulo in the test registry');

    await abrasfProviderFactory({ codes: { alreadyCancelled: ['E79'] } })(municipality).emit(emitRequest(), '<Rps/>', new AbortController().signal);

    expect(create.mock.calls[0]?.[0].codes).toEqual({ alreadyCancelled: ['E79'], rpsAlreadyInformed: ['L018'] });
  });

  it('passes "nothing issued for this RPS" through as undefined', async () => {
    jest.spyOn(AbrasfProvider, 'create').mockResolvedValue(fakeClient({ consultByRps: async () => undefined }));
    const municipality = testRegistry().get(SAO_PAULO);
    if (municipality === undefined) throw new Error('no São Paulo in the test registry');

    const found = await abrasfProviderFactory()(municipality).consultByRps(emitRequest(), '<Rps/>', new AbortController().signal);

    expect(found).toBeUndefined();
  });

  it('gives up on a call when the worker aborts it', async () => {
    const never = deferred<never>();
    jest.spyOn(AbrasfProvider, 'create').mockResolvedValue(fakeClient({ emit: () => never.promise }));
    const municipality = testRegistry().get(SAO_PAULO);
    if (municipality === undefined) throw new Error('no São Paulo in the test registry');
    const controller = new AbortController();
    const call = abrasfProviderFactory()(municipality).emit(emitRequest(), '<Rps/>', controller.signal);

    controller.abort(new Error('the task is gone'));

    await expect(call).rejects.toThrow('the task is gone');
  });
});
