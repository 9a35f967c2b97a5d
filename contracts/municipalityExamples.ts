import type { MunicipalityView } from './municipalityView';
import { errorExample, GATEWAY_ERROR_EXAMPLES, type RouteExamples } from './routeExamples';

const window = (minutes: number, calls: number): MunicipalityView['health']['last5Minutes'] => ({ minutes, calls, errors: 0, rejected: 0, errorRate: calls === 0 ? null : 0, p95LatencyMs: calls === 0 ? null : 240 });

/** São Paulo as the built-in registry has it, after a few calls. */
const saoPaulo: MunicipalityView = {
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
  health: { asOf: '2026-12-01T10:15:00.000Z', last5Minutes: window(5, 12), last15Minutes: window(15, 30), circuit: 'closed', backlog: { waiting: 0, oldestAgeSeconds: null, tasks: 0 } },
};

export const LIST_MUNICIPALITIES_EXAMPLES = {
  responses: {
    200: { summary: 'Every municipality of the registry, with its capabilities and health', body: { items: [saoPaulo] } },
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const GET_MUNICIPALITY_EXAMPLES = {
  request: { path: { code: '3550308' } },
  responses: {
    200: { summary: 'One municipality, with its capabilities and health', body: saoPaulo },
    400: errorExample('The code is not a 7-digit IBGE code', {
      message: 'Invalid request: code must be the 7-digit IBGE municipality code',
      code: 'ValidationFailed',
      errors: [{ field: 'code', message: 'must be the 7-digit IBGE municipality code' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample('A municipality the registry does not have', { message: 'Municipality 1234567 is not supported (GET /municipalities lists the supported ones)', code: 'NotFound' }),
  },
} as const satisfies RouteExamples;
