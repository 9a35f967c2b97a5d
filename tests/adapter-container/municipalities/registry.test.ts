import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtInMunicipalities, createMunicipalityRegistry, loadMunicipalityRegistry } from '../../../adapter-container/municipalities/registry';

describe('municipality registry', () => {
  it('serves the built-in list under PROVIDER_ENDPOINT, each city at an endpoint of its own, when no file is given', () => {
    const registry = loadMunicipalityRegistry({ PROVIDER_ENDPOINT: 'http://127.0.0.1:9999/abrasf/' });

    expect(registry.list().map((m) => [m.code, m.mode, m.endpoint])).toEqual([
      ['3550308', 'sync', 'http://127.0.0.1:9999/abrasf/3550308'],
      ['3304557', 'sync', 'http://127.0.0.1:9999/abrasf/3304557'],
      ['3106200', 'async', 'http://127.0.0.1:9999/abrasf/3106200'],
    ]);
    expect(registry.get('3550308')).toEqual({
      code: '3550308',
      name: 'São Paulo',
      provider: 'abrasf-2.04',
      mode: 'sync',
      endpoint: 'http://127.0.0.1:9999/abrasf/3550308',
      environment: 'homologacao',
      concurrency: 8,
      ratePerSecond: 20,
    });
  });

  it('keeps each city\'s own limits whatever ADAPTER_COUNT says: every adapter task shares them', () => {
    const registry = loadMunicipalityRegistry({ ADAPTER_COUNT: '3' });

    expect(registry.list().map((m) => [m.code, m.concurrency, m.ratePerSecond])).toEqual([
      ['3550308', 8, 20],
      ['3304557', 4, undefined],
      ['3106200', 2, 5],
    ]);
  });

  it('reads MUNICIPALITIES_FILE', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'registry-')), 'cities.json');
    fs.writeFileSync(file, JSON.stringify([{ code: '4106902', name: 'Curitiba', provider: 'abrasf-2.04', mode: 'sync', endpoint: 'https://nfse.example/ws', environment: 'producao', concurrency: 3 }]));

    const registry = loadMunicipalityRegistry({ MUNICIPALITIES_FILE: file });

    expect(registry.list().map((m) => m.code)).toEqual(['4106902']);
    expect(registry.get('3550308')).toBeUndefined();
  });

  it('names the file and the field when MUNICIPALITIES_FILE is malformed', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'registry-')), 'cities.json');
    fs.writeFileSync(file, JSON.stringify([{ code: '41', name: 'X', provider: 'abrasf-2.04', mode: 'sync', endpoint: 'https://x', environment: 'producao', concurrency: 1 }]));

    expect(() => loadMunicipalityRegistry({ MUNICIPALITIES_FILE: file })).toThrow(/cities\.json is not a list of municipalities[\s\S]*code/);
  });

  it('refuses a municipality listed twice', () => {
    const [saoPaulo] = builtInMunicipalities();
    if (saoPaulo === undefined) throw new Error('the built-in list is empty');

    expect(() => createMunicipalityRegistry([saoPaulo, saoPaulo])).toThrow('municipality 3550308 is listed twice');
  });
});
