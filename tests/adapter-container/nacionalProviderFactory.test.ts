// Tests the seam between the worker and providers/nacional (whose own tests live in tests/adapter-container/providers/nacional).
import { nacionalProviderFactory } from '../../adapter-container/providers/nacionalProviderFactory';
import { createMunicipalityRegistry } from '../../lib/municipalities/registry';
import { builtInMunicipalities } from '../../lib/municipalities/builtInMunicipalities';
import { nacionalEmitRequest, dpsOf } from './providers/nacional/nacionalFixtures';

describe('nacionalProviderFactory', () => {
  const registry = createMunicipalityRegistry(builtInMunicipalities(undefined, undefined, { endpoint: 'https://127.0.0.1:1/SefinNacional', caFile: '/etc/nfse/sefin-ca.pem' }));
  const portoAlegre = registry.get('4314902');
  if (portoAlegre === undefined) throw new Error('no Porto Alegre in the built-in list');

  it('compiles the XSDs in ready() and, on emit, refuses to send a DPS the city requires signed without the company\'s certificate', async () => {
    const provider = nacionalProviderFactory({})(portoAlegre);
    const signal = new AbortController().signal;

    await provider.ready?.(signal);
    await expect(provider.emit(nacionalEmitRequest(1), dpsOf(1), signal)).rejects.toMatchObject({
      errorName: 'Provider.CertificateMissing',
      code: 'CertificateNotFound',
      message: 'municipality 4314902 signs its documents, and no certificate was given for the call',
    });
  });

  it('gives up at once when the worker aborts while it is getting ready', async () => {
    const controller = new AbortController();
    const reason = new Error('shutdown');
    controller.abort(reason);

    await expect(nacionalProviderFactory({})(portoAlegre).ready?.(controller.signal)).rejects.toBe(reason);
  });
});
