import type { MunicipalityView } from '../../../contracts/municipalityView';
import { describeMunicipalities, describeMunicipality } from '../../../cli/municipalities/describeMunicipality';

const SAO_PAULO: MunicipalityView = {
  code: '3550308',
  name: 'São Paulo',
  uf: 'SP',
  provider: 'abrasf-2.04',
  environment: 'homologacao',
  mode: 'sync',
  capabilities: {
    signing: { algorithm: 'rsa-sha256', elements: ['InfDeclaracaoPrestacaoServico', 'InfPedidoCancelamento'] },
    mtls: false,
    cancellation: { by: 'city', reasonCodes: [1, 2, 3, 4, 5] },
    substitution: true,
    requires: { inscricaoMunicipal: true, certificate: true },
    limits: { concurrency: 8, ratePerSecond: 20 },
  },
  health: {
    asOf: '2026-12-01T10:15:30.000Z',
    last5Minutes: { minutes: 5, calls: 3, errors: 1, rejected: 0, errorRate: 1 / 3, p95LatencyMs: 240 },
    last15Minutes: { minutes: 15, calls: 9, errors: 1, rejected: 2, errorRate: 1 / 9, p95LatencyMs: 180 },
    circuit: 'closed',
    backlog: { waiting: 4, oldestAgeSeconds: 42, tasks: 2 },
  },
};

const PORTO_ALEGRE: MunicipalityView = {
  code: '4314902',
  name: 'Porto Alegre',
  provider: 'nacional',
  environment: 'producao',
  mode: 'sync',
  capabilities: {
    signing: { algorithm: 'rsa-sha1', elements: [] },
    mtls: true,
    cancellation: { by: 'event', reasonCodes: [1, 2, 9], reasonText: { minLength: 15, maxLength: 255 } },
    substitution: false,
    requires: { inscricaoMunicipal: false, certificate: true },
    limits: { concurrency: 1 },
  },
  health: {
    asOf: '2026-12-01T10:15:30.000Z',
    last5Minutes: { minutes: 5, calls: 0, errors: 0, rejected: 0, errorRate: null, p95LatencyMs: null },
    last15Minutes: { minutes: 15, calls: 0, errors: 0, rejected: 0, errorRate: null, p95LatencyMs: null },
    circuit: 'closed',
    backlog: { waiting: 0, oldestAgeSeconds: null, tasks: 0 },
  },
};

describe('describeMunicipalities', () => {
  it('prints one aligned line per city with its circuit, last 5 minutes and backlog when there is one', () => {
    expect(describeMunicipalities([SAO_PAULO, PORTO_ALEGRE])).toBe(
      [
        '3550308  São Paulo/SP  abrasf-2.04  homologacao  sync   circuit closed; 3 calls in 5 min, 1 error (33%), p95 240 ms; 4 waiting for a slot, the oldest queued 42 s ago',
        '4314902  Porto Alegre  nacional     producao     sync   circuit closed; no calls in 5 min',
      ].join('\n'),
    );
  });
});

describe('describeMunicipality', () => {
  it('prints what the city requires and how it is doing', () => {
    expect(describeMunicipality(SAO_PAULO)).toBe(
      [
        '3550308  São Paulo/SP',
        '  provider      abrasf-2.04, homologacao, sync',
        '  signing       rsa-sha256: InfDeclaracaoPrestacaoServico, InfPedidoCancelamento',
        '  mutual TLS    no',
        '  cancellation  by the city, codes 1, 2, 3, 4, 5',
        '  substitution  yes',
        '  companies     must hold inscrição municipal, A1 certificate',
        '  limits        8 calls at once, 20/s',
        '  health        circuit closed (as of 2026-12-01T10:15:30.000Z)',
        '                3 calls in 5 min, 1 error (33%), p95 240 ms',
        '                9 calls in 15 min, 1 error (11%), 2 rejected, p95 180 ms',
        '  backlog       4 waiting for a slot, the oldest queued 42 s ago',
      ].join('\n'),
    );
  });

  it('says when a city signs nothing and cancels by event with a reason', () => {
    const lines = describeMunicipality(PORTO_ALEGRE).split('\n');

    expect(lines.slice(1, 7)).toEqual([
      '  provider      nacional, producao, sync',
      '  signing       none',
      '  mutual TLS    yes',
      '  cancellation  by event, codes 1, 2, 9, a reason of 15-255 characters',
      '  substitution  no',
      '  companies     must hold A1 certificate',
    ]);
  });
});
