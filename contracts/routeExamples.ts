import type { ErrorBody } from './apiResponses';

/**
 * What a client sends to a route: path and query parameters and headers as text (as they travel),
 * and the JSON body.
 */
export interface ExampleRequest {
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** One documented answer: what it shows, its body and the headers it carries. */
export interface ExampleAnswer {
  readonly summary: string;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A route's examples, shown in the API reference (`openapi.json`, `/docs`) and sent to the API by
 * `tests/e2e/openapiExamples.test.ts`: the request is one that succeeds, and every status of the
 * route's `responses` has an answer. Each must pass its contract (`tests/contracts/openapi.test.ts`).
 */
export interface RouteExamples {
  /** A request the route answers with its first success status. @default none: the route takes no parameters */
  readonly request?: ExampleRequest;
  readonly responses: Readonly<Record<number, ExampleAnswer>>;
}

/** The request id of every example answer (API Gateway's are UUIDs). */
export const EXAMPLE_REQUEST_ID = '7f1c2a4e-8b3d-4c5e-9f60-1a2b3c4d5e6f';

/** An error answer: the contract's error body with the example request id. */
export function errorExample(summary: string, body: Omit<ErrorBody, 'requestId'>, headers?: Readonly<Record<string, string>>): ExampleAnswer {
  return { summary, body: { ...body, requestId: EXAMPLE_REQUEST_ID }, ...(headers !== undefined ? { headers } : {}) };
}

/** What API Gateway itself answers on any token route: no token, a wrong API key, the usage plan spent. */
export const GATEWAY_ERROR_EXAMPLES = {
  401: errorExample("No access token, or one without any of the route's scopes (an expired one: code TokenExpired)", { message: 'Unauthorized', code: 'Unauthorized' }),
  403: errorExample("A missing or wrong x-api-key (a grant without the route's role or the CNPJ: code Forbidden, with the reason)", { message: 'Forbidden', code: 'InvalidApiKey' }),
  429: errorExample("The API key's usage plan throttles it (its monthly quota spent: code QuotaExceeded): retry after Retry-After seconds", { message: 'Too Many Requests', code: 'Throttled' }, { 'Retry-After': '1' }),
} as const satisfies Record<number, ExampleAnswer>;

/** A body over the API's 256 KiB, or not JSON: the same on every route that takes one. */
export const BODY_ERROR_EXAMPLES = {
  413: errorExample('The body is larger than 256 KiB', { message: 'Request body is larger than 262144 bytes', code: 'PayloadTooLarge' }),
  415: errorExample('The body is not sent as application/json', { message: "Content-Type must be application/json, got 'text/plain'", code: 'UnsupportedMediaType' }),
} as const satisfies Record<number, ExampleAnswer>;
