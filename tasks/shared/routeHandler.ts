import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import { API_ROUTES, routeOf, type ApiHandlerName, type ApiRoute, type ApiRouteSpec, type RouteId, type RouteIdOf } from '../../contracts/apiRoutes';
import { invoiceIdOfExecution } from '../../contracts/executionNames';
import { ENV } from '../../contracts/wiring';
import { apiHandler } from './apiHandler';
import { jsonResponse } from './apiResponse';
import { loadCaller, requireRole, type Caller } from './caller';
import { awsClients } from './clients';
import { requireEnv } from './environment';
import { NotFoundError, ValidationError } from './errors';
import { fieldErrorMap } from './fieldErrorMap';
import { logger } from './logger';
import { parseJsonBody } from './parseJsonBody';
import { parseQuery } from './parseQuery';
import { annotateTrace, tracedHandler, type TraceKeys } from './tracing';

type RequestOf<K extends RouteId> = ApiRoute<K>['request'];

/** A route's request, parsed with its contracts; what the route has no contract for is `undefined`. */
export interface RouteCall<K extends RouteId> {
  readonly event: APIGatewayProxyEvent;
  /** Who calls, with their grant (a public route has none). */
  readonly caller: ApiRoute<K>['auth'] extends { readonly kind: 'public' } ? undefined : Caller;
  readonly path: RequestOf<K> extends { readonly path: infer S extends z.ZodType } ? z.output<S> : undefined;
  readonly query: RequestOf<K> extends { readonly query: infer S extends z.ZodType } ? z.output<S> : undefined;
  readonly body: RequestOf<K> extends { readonly body: { readonly schema: infer S extends z.ZodType } } ? z.output<S> : undefined;
}

type Responses<K extends RouteId> = ApiRoute<K>['responses'];
type SuccessStatus<K extends RouteId> = Extract<keyof Responses<K>, 200 | 201 | 202>;

/** A route's success answer: one of its success statuses with that status's body contract. */
export type RouteResult<K extends RouteId> = {
  [S in SuccessStatus<K>]: { readonly statusCode: S; readonly body: Responses<K>[S] extends z.ZodType ? z.output<Responses<K>[S]> : never; readonly headers?: Record<string, string> };
}[SuccessStatus<K>];

/** What a handler does for each of its routes: exactly the routes the table gives it. */
export type RouteOperations<H extends ApiHandlerName> = { readonly [K in RouteIdOf<H>]: (call: RouteCall<K>) => Promise<RouteResult<K>> };

type AnyOperation = (call: { event: APIGatewayProxyEvent; caller: Caller | undefined; path: unknown; query: unknown; body: unknown }) => Promise<{ statusCode: number; body: unknown; headers?: Record<string, string> }>;

/**
 * The Lambda handler of `name`: it finds the route API Gateway matched (`httpMethod` and
 * `resource`) in the route table, answers 404 for one the table does not give it, loads the
 * caller's grant and checks the route's roles (403), parses path, query and body with the route's
 * contracts (400/413/415 naming the field), and runs that route's operation. In Lambda the
 * invocation is a traced subsegment annotated with the invoice and company it is about.
 */
export function routeHandler<H extends ApiHandlerName>(name: H, operations: RouteOperations<H>): (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult> {
  return tracedHandler(name, apiHandler(async (event) => {
    const id = routeOf(event.httpMethod, event.resource);
    if (id === undefined || API_ROUTES[id].handler !== name) throw new NotFoundError(`No route for ${event.httpMethod} ${event.path}`);
    const route: ApiRouteSpec = API_ROUTES[id];
    let caller: Caller | undefined;
    if (route.auth.kind === 'token') {
      caller = await loadCaller(event, awsClients().ddb, requireEnv(ENV.TenantsTable));
      requireRole(caller, route.auth.roles, route.auth.action);
    }
    const path = route.request.path !== undefined ? parsePath(event, route.request.path) : undefined;
    appendInvoiceKeys(path);
    const query = route.request.query !== undefined ? parseQuery(event, route.request.query) : undefined;
    const body = route.request.body !== undefined ? parseJsonBody(event, route.request.body.schema) : undefined;
    annotateTrace({ ...traceKeysOf(path, { idIsInvoice: INVOICE_PATH.test(route.path) }), ...traceKeysOf(query), ...traceKeysOf(body) });
    const operation = (operations as unknown as Record<RouteId, AnyOperation>)[id];
    const result = await operation({ event, caller, path, query, body });
    annotateTrace(traceKeysOf(result.body));
    return jsonResponse(event, result.statusCode, result.body, result.headers);
  }));
}

/** Routes whose `{id}` is an invoice's (`/invoices/{id}…`, `/ops/invoices/{id}…`); other ids are webhooks', keys', runs'. */
const INVOICE_PATH = /(^|\/)invoices\/\{id\}/;

/**
 * The invoice and company a request or an answer names: `invoiceId` (or a path's `id`, with
 * `idIsInvoice`), `cnpj` or `companyCnpj`, an execution's `arn` (whose name starts with its
 * invoice's id).
 */
export function traceKeysOf(value: unknown, options: { readonly idIsInvoice?: boolean } = {}): TraceKeys {
  if (typeof value !== 'object' || value === null) return {};
  const { id, invoiceId, cnpj, companyCnpj, arn } = value as Record<string, unknown>;
  const text = (candidate: unknown): string | undefined => (typeof candidate === 'string' && candidate !== '' ? candidate : undefined);
  const executionArn = text(arn);
  const invoice = text(invoiceId) ?? (options.idIsInvoice === true ? text(id) : undefined) ?? (executionArn !== undefined ? invoiceIdOfExecution(executionArn.split(':').at(-1) ?? '') : undefined);
  const company = text(companyCnpj) ?? text(cnpj);
  return { ...(invoice !== undefined ? { invoiceId: invoice } : {}), ...(company !== undefined ? { companyCnpj: company } : {}), ...(executionArn !== undefined ? { executionArn } : {}) };
}

/**
 * Path parameters with the route's contract. A client percent-encodes an execution ARN's colons;
 * neither an ARN nor a ULID has a `%` of its own, so decoding an already decoded value is harmless.
 */
function parsePath(event: APIGatewayProxyEvent, schema: z.ZodType): unknown {
  const raw = Object.fromEntries(Object.entries(event.pathParameters ?? {}).map(([key, value]) => [key, safeDecode(value ?? '')]));
  const result = schema.safeParse(raw, { error: fieldErrorMap });
  if (!result.success) throw ValidationError.fromZod(result.error, '', '(path)');
  return result.data;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Every log line of the request names the invoice and the execution its path is about. */
function appendInvoiceKeys(path: unknown): void {
  if (typeof path !== 'object' || path === null) return;
  const { id, arn } = path as { id?: unknown; arn?: unknown };
  if (typeof id === 'string') logger.appendKeys({ invoiceId: id });
  if (typeof arn === 'string') {
    const invoiceId = invoiceIdOfExecution(arn.split(':').at(-1) ?? '');
    logger.appendKeys({ executionArn: arn, ...(invoiceId !== undefined ? { invoiceId } : {}) });
  }
}
