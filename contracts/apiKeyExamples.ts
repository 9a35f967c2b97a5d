import type { ApiKeyView, CreateApiKeyRequest, CreatedApiKey, ListApiKeysResponse, RevokedApiKey } from './apiKey';
import { EXAMPLE_CNPJ } from './invoiceExamples';
import { BODY_ERROR_EXAMPLES, errorExample, GATEWAY_ERROR_EXAMPLES, type RouteExamples } from './routeExamples';
import type { UsageView } from './usage';
import { usagePlanView } from './usagePlans';

const createRequest = { name: 'erp-integration', plan: 'business', cnpjs: [EXAMPLE_CNPJ] } satisfies CreateApiKeyRequest;

const key = {
  id: 'k7q2m9x4ab',
  name: 'erp-integration',
  plan: 'business',
  cnpjs: [EXAMPLE_CNPJ],
  prefix: 'nfse3f9a1c2b',
  createdAt: '2026-12-01T10:00:00.000Z',
  createdBy: 'a3f1c2d4-5b6e-4f70-8192-a3b4c5d6e7f8',
} satisfies ApiKeyView;

export const CREATE_API_KEY_EXAMPLES = {
  request: { body: createRequest },
  responses: {
    201: { summary: 'The key, with its value shown this once', body: { ...key, value: 'nfse3f9a1c2b4d5e6f708192a3b4c5d6e7f8091a2b3c' } satisfies CreatedApiKey, headers: { Location: `/api-keys/${key.id}` } },
    400: errorExample('A plan that is not offered', {
      message: 'Invalid request: plan must be one of starter, business',
      code: 'ValidationFailed',
      errors: [{ field: 'plan', message: 'must be one of starter, business' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    409: errorExample('The tenant already has a key with this name', { message: `The tenant already has a key named 'erp-integration' (${key.id}): revoke it first or choose another name`, code: 'ApiKeyNameTaken' }),
    ...BODY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const LIST_API_KEYS_EXAMPLES = {
  responses: {
    200: { summary: "The tenant's keys, oldest first: never their values", body: { items: [key] } satisfies ListApiKeysResponse },
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const REVOKE_API_KEY_EXAMPLES = {
  request: { path: { id: key.id } },
  responses: {
    200: { summary: 'The key revoked: API Gateway refuses it with 403 from now on', body: { ...key, revokedAt: '2026-12-07T09:30:00.000Z' } satisfies RevokedApiKey },
    400: errorExample('Not a key id', {
      message: 'Invalid request: id must be an API key id (letters and digits)',
      code: 'ValidationFailed',
      errors: [{ field: 'id', message: 'must be an API key id (letters and digits)' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample("A key that does not exist, or another tenant's", { message: 'API key k7q2m9x4zz not found', code: 'NotFound' }),
  },
} as const satisfies RouteExamples;

export const GET_USAGE_EXAMPLES = {
  responses: {
    200: {
      summary: "The calling key's requests this month against its plan, and its companies' invoices",
      body: {
        month: '2026-12',
        apiKey: { id: key.id, name: key.name, plan: key.plan, prefix: key.prefix },
        plan: usagePlanView('business'),
        requests: { used: 1520, quota: 200_000, remaining: 198_480 },
        invoices: { emitted: 312, companies: [EXAMPLE_CNPJ] },
      } satisfies UsageView,
    },
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;
