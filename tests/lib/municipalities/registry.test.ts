import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { certificateRequired } from '../../../contracts/municipality';
import { builtInMunicipalities } from '../../../lib/municipalities/builtInMunicipalities';
import { createMunicipalityRegistry, loadMunicipalityRegistry } from '../../../lib/municipalities/registry';

describe('municipality registry', () => {
  it('serves the built-in list under PROVIDER_ENDPOINT (PROVIDER_TLS_ENDPOINT for mutual TLS), each city at an endpoint of its own, when no file is given', () => {
    const registry = loadMunicipalityRegistry({ PROVIDER_ENDPOINT: 'http://127.0.0.1:9999/abrasf/', PROVIDER_TLS_ENDPOINT: 'https://127.0.0.1:9443/abrasf' });

    expect(registry.list().map((m) => [m.code, m.mode, m.endpoint])).toEqual([
      ['3550308', 'sync', 'http://127.0.0.1:9999/abrasf/3550308'],
      ['3304557', 'sync', 'http://127.0.0.1:9999/abrasf/3304557'],
      ['3106200', 'async', 'https://127.0.0.1:9443/abrasf/3106200'],
      ['4314902', 'sync', 'https://127.0.0.1:4581/SefinNacional'],
      ['2611606', 'sync', 'https://127.0.0.1:4581/SefinNacional'],
      ['5208707', 'sync', 'https://127.0.0.1:4581/SefinNacional'],
    ]);
    expect(loadMunicipalityRegistry({}).get('3106200')?.endpoint).toBe('https://127.0.0.1:4581/nfse/3106200');
    expect(registry.get('3550308')).toEqual({
      code: '3550308',
      name: 'São Paulo',
      uf: 'SP',
      provider: 'abrasf-2.04',
      mode: 'sync',
      endpoint: 'http://127.0.0.1:9999/abrasf/3550308',
      environment: 'homologacao',
      mtls: false,
      signing: { algorithm: 'rsa-sha256', elements: ['InfDeclaracaoPrestacaoServico', 'InfPedidoCancelamento', 'SubstituicaoNfse'] },
      cancellation: { by: 'city', reasonCodes: [1, 2, 3, 4, 5] },
      substitution: true,
      verificationUrl: 'https://nfe.prefeitura.sp.gov.br/contribuinte/notaprint.aspx?ccm={inscricaoMunicipal}&nf={nfseNumber}&cod={verificationCode}',
      requires: { inscricaoMunicipal: true },
      concurrency: 8,
      ratePerSecond: 20,
    });
  });

  it('has every built-in city sign its RPS, so require a certificate, and at least one require mutual TLS, as real ones do', () => {
    const registry = loadMunicipalityRegistry({});

    expect(registry.list().map((m) => [m.code, m.signing.elements.includes('InfDeclaracaoPrestacaoServico'), m.mtls, certificateRequired(m)])).toEqual([
      ['3550308', true, false, true],
      ['3304557', true, false, true],
      ['3106200', true, true, true],
      ['4314902', false, true, true],
      ['2611606', false, true, true],
      ['5208707', false, true, true],
    ]);
    expect(certificateRequired({ mtls: false, signing: { algorithm: 'rsa-sha256', elements: [] } })).toBe(false);
  });

  it('keeps each city\'s own limits whatever ADAPTER_COUNT says: every adapter task shares them', () => {
    const registry = loadMunicipalityRegistry({ ADAPTER_COUNT: '3' });

    expect(registry.list().map((m) => [m.code, m.concurrency, m.ratePerSecond])).toEqual([
      ['3550308', 8, 20],
      ['3304557', 4, undefined],
      ['3106200', 2, 5],
      ['4314902', 8, undefined],
      ['2611606', 8, undefined],
      ['5208707', 8, undefined],
    ]);
  });

  it('serves the national cities at NACIONAL_ENDPOINT with mutual TLS against NACIONAL_CA_FILE, signing the DPS and the event, cancelling by event', () => {
    const registry = loadMunicipalityRegistry({ NACIONAL_ENDPOINT: 'https://sefin.producaorestrita.nfse.gov.br/SefinNacional/', NACIONAL_CA_FILE: '/etc/nfse/ca.pem' });

    expect(registry.get('4314902')).toEqual({
      code: '4314902',
      name: 'Porto Alegre',
      uf: 'RS',
      provider: 'nacional',
      mode: 'sync',
      endpoint: 'https://sefin.producaorestrita.nfse.gov.br/SefinNacional',
      environment: 'homologacao',
      mtls: true,
      caFile: '/etc/nfse/ca.pem',
      signing: { algorithm: 'rsa-sha256', elements: ['infDPS', 'infPedReg'] },
      cancellation: { by: 'event', reasonCodes: [1, 2, 9], reasonText: { minLength: 15, maxLength: 255 } },
      substitution: true,
      requires: { inscricaoMunicipal: false },
      concurrency: 8,
    });
  });

  it('reads MUNICIPALITIES_FILE', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'registry-')), 'cities.json');
    fs.writeFileSync(file, JSON.stringify([{ code: '4106902', name: 'Curitiba', provider: 'abrasf-2.04', mode: 'sync', endpoint: 'https://nfse.example/ws', environment: 'producao', concurrency: 3 }]));

    const registry = loadMunicipalityRegistry({ MUNICIPALITIES_FILE: file });

    expect(registry.list().map((m) => m.code)).toEqual(['4106902']);
    expect(registry.get('3550308')).toBeUndefined();
    // What the file leaves out takes the defaults: unsigned, no mTLS, ABRASF's cancellation.
    expect(registry.get('4106902')).toMatchObject({ mtls: false, signing: { algorithm: 'rsa-sha256', elements: [] }, cancellation: { by: 'city', reasonCodes: [1, 2, 3, 4, 5] }, requires: { inscricaoMunicipal: true } });
  });

  it('reads a national-system municipality with its event cancellation, signing and overrides from MUNICIPALITIES_FILE', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'registry-')), 'cities.json');
    const portoAlegre = {
      code: '4314902',
      name: 'Porto Alegre',
      uf: 'RS',
      provider: 'nacional',
      mode: 'sync',
      endpoint: 'https://sefin.producaorestrita.nfse.gov.br/SefinNacional',
      environment: 'homologacao',
      mtls: true,
      signing: { algorithm: 'rsa-sha1', elements: ['infDPS', 'infPedReg'] },
      codes: { rpsAlreadyInformed: ['E0014'] },
      cancellation: { by: 'event', reasonCodes: [1, 2, 9], reasonText: { minLength: 15, maxLength: 255 } },
      requires: { inscricaoMunicipal: false },
      concurrency: 10,
    };
    fs.writeFileSync(file, JSON.stringify([portoAlegre]));

    expect(loadMunicipalityRegistry({ MUNICIPALITIES_FILE: file }).get('4314902')).toEqual({ ...portoAlegre, substitution: false });
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
