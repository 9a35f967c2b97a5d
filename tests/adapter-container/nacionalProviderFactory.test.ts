// Tests the seam between the worker and providers/nacional (whose own tests live in tests/adapter-container/providers/nacional).
import { nacionalProviderFactory } from '../../adapter-container/providers/nacionalProviderFactory';
import { createMunicipalityRegistry } from '../../lib/municipalities/registry';
import { builtInMunicipalities } from '../../lib/municipalities/builtInMunicipalities';
import { nacionalEmitRequest, dpsOf } from './providers/nacional/nacionalFixtures';

describe('nacionalProviderFactory', () => {
  const registry = createMunicipalityRegistry(builtInMunicipalities(undefined, { endpoint: 'https://127.0.0.1:1/SefinNacional', caFile: '/etc/nfse/sefin-ca.pem' }));
  const portoAlegre = registry.get('4314902');
  if (portoAlegre === undefined) throw new Error('no Porto Alegre in the built-in list');

  it('reads the city\'s CA file once, when the provider is built', () => {
    const read: string[] = [];

    nacionalProviderFactory({ credentials: () => Promise.reject(new Error('unused')), readCaFile: (file) => (read.push(file), 'PEM') })(portoAlegre);

    expect(read).toEqual(['/etc/nfse/sefin-ca.pem']);
  });

  it('compiles the XSDs in ready() and asks for the company\'s credentials with the worker\'s signal on emit', async () => {
    const asked: Array<[string, AbortSignal]> = [];
    const provider = nacionalProviderFactory({
      credentials: (cnpj, signal) => {
        asked.push([cnpj, signal]);
        return Promise.reject(new Error('no certificate in this test'));
      },
      readCaFile: () => 'PEM',
    })(portoAlegre);
    const signal = new AbortController().signal;

    await provider.ready?.(signal);
    await expect(provider.emit(nacionalEmitRequest(1), dpsOf(1), signal)).rejects.toThrow('no certificate in this test');

    expect(asked).toEqual([['11444777000161', signal]]);
  });

  it('gives up at once when the worker aborts while it is getting ready', async () => {
    const controller = new AbortController();
    const reason = new Error('shutdown');
    controller.abort(reason);

    await expect(nacionalProviderFactory({ credentials: () => Promise.reject(new Error('unused')), readCaFile: () => 'PEM' })(portoAlegre).ready?.(controller.signal)).rejects.toBe(reason);
  });
});
