import type { z } from 'zod';
import { RESPONSE_HEADERS, type ApiRouteSpec, type ResponseHeaderName, type RouteId } from '../contracts/apiRoutes';
import { fullScope } from '../contracts/apiScopes';
import type { ExampleAnswer } from '../contracts/routeExamples';
import { jsonSchemaOf, type JsonSchema } from './jsonSchemaOf';

/** Where components live, and what the operation needs to point at them. */
export interface ComponentRefs {
  /** `#/components/schemas/{name}` of an answer contract, registering it on first use. */
  responseRef(schema: z.ZodType): { readonly $ref: string };
  /** `#/components/schemas/{name}` of a request body, registering it on first use. */
  requestRef(name: string, schema: z.ZodType): { readonly $ref: string };
}

/** The security scheme names of the document. */
export const SECURITY_SCHEMES = { cognito: 'cognito', apiKey: 'apiKey' } as const;

/** What a status means, before the example's own words. */
const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  400: 'Bad request: `errors` names each bad field (path, query, header or body)',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable',
  429: 'Too many requests',
};

/** Header values' contracts, where they have one. */
const HEADER_SCHEMAS: Readonly<Record<ResponseHeaderName, JsonSchema>> = {
  ETag: { type: 'string', pattern: '^"\\d+"$' },
  Location: { type: 'string' },
  'Retry-After': { type: 'string', pattern: '^\\d+$' },
};

/** One route as an OpenAPI operation: parameters, body, every answer with its example, security. */
export function operationOf(id: RouteId, route: ApiRouteSpec, refs: ComponentRefs): Record<string, unknown> {
  const { request, examples } = route;
  const parameters = [
    ...parametersOf(request.path, 'path', examples.request?.path),
    ...parametersOf(request.query, 'query', examples.request?.query),
    ...parametersOf(request.headers, 'header', examples.request?.headers),
  ];
  return {
    operationId: id,
    summary: route.summary,
    description: descriptionOf(route),
    tags: [route.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(request.body !== undefined
      ? { requestBody: { required: true, content: { 'application/json': { schema: refs.requestRef(request.body.name, request.body.schema), ...(examples.request?.body !== undefined ? { example: examples.request.body } : {}) } } } }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, schema]) => {
        const example = examples.responses[Number(status)];
        if (example === undefined) throw new Error(`route ${id}: no example answer for ${status}`);
        return [status, responseOf(Number(status), schema, example, route.responseHeaders?.[Number(status)] ?? [], refs)];
      }),
    ),
    security: route.auth.kind === 'public' ? [] : route.auth.scopes.map((scope) => ({ [SECURITY_SCHEMES.cognito]: [fullScope(scope)], [SECURITY_SCHEMES.apiKey]: [] })),
  };
}

/** Who may call it, in words: the scopes (any one) and the roles of the caller's grant. */
function descriptionOf(route: ApiRouteSpec): string {
  if (route.auth.kind === 'public') return 'Open: no token, no API key.';
  return [
    `**Token**: an access token with any one of ${route.auth.scopes.map((scope) => `\`${fullScope(scope)}\``).join(', ')}, and the API key (\`x-api-key\`).`,
    `**Roles** (the caller's grant): ${route.auth.roles.map((role) => `\`${role}\``).join(', ')}; any other role is a 403.`,
  ].join('\n');
}

/** Each field of a path, query or header contract as a parameter, with the example's value. */
function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query' | 'header', example: Readonly<Record<string, string>> = {}): Array<Record<string, unknown>> {
  if (schema === undefined) return [];
  const object = jsonSchemaOf(schema, 'input') as { properties?: Record<string, JsonSchema & { description?: string }>; required?: readonly string[] };
  return Object.entries(object.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    ...(description !== undefined ? { description } : {}),
    schema: property,
    ...(example[name] !== undefined ? { example: typed(example[name], property) } : {}),
  }));
}

/** A parameter example as its schema's type: `limit=20` travels as text but is an integer. */
function typed(value: string, schema: JsonSchema): string | number {
  return schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
}

function responseOf(status: number, schema: z.ZodType, example: ExampleAnswer, headers: readonly ResponseHeaderName[], refs: ComponentRefs): Record<string, unknown> {
  const known = STATUS_TEXT[status];
  if (known === undefined) throw new Error(`no description for HTTP ${status}: add it to STATUS_TEXT`);
  return {
    description: `${known}. ${example.summary}.`,
    ...(headers.length > 0
      ? { headers: Object.fromEntries(headers.map((name) => [name, { description: RESPONSE_HEADERS[name], schema: HEADER_SCHEMAS[name], ...(example.headers?.[name] !== undefined ? { example: example.headers[name] } : {}) }])) }
      : {}),
    content: { 'application/json': { schema: refs.responseRef(schema), example: example.body } },
  };
}
