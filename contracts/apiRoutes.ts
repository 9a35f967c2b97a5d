import type { z } from 'zod';
import { ExecutionPathSchema, GetInvoiceQuerySchema, InvoicePathSchema } from './apiParameters';
import { CancelInvoiceResponseSchema, EmitInvoiceResponseSchema, ErrorBodySchema, InvoiceViewSchema, PingResponseSchema } from './apiResponses';
import { API_SCOPES, fullScope, type ApiScope } from './apiScopes';
import { CancelInvoiceRequestSchema } from './cancelInvoiceRequest';
import { CertificateUploadSchema, CertificateViewSchema } from './certificate';
import { CompanyInputSchema, CompanyPatchSchema, CompanyPathSchema, CompanySchema, ListCompaniesQuerySchema, ListCompaniesResponseSchema } from './company';
import { EmitInvoiceRequestSchema } from './emitInvoiceRequest';
import { InvoiceHistoryQuerySchema, InvoiceHistorySchema } from './invoiceHistory';
import { ListInvoicesQuerySchema, ListInvoicesResponseSchema, RevenueQuerySchema, RevenueReportSchema } from './listInvoices';
import {
  ExecutionDetailSchema,
  FailuresResponseSchema,
  ListExecutionsQuerySchema,
  ListExecutionsResponseSchema,
  ReprocessFailuresRequestSchema,
  ReprocessFailuresResponseSchema,
  StartedExecutionSchema,
} from './ops';
import { CallerViewSchema, type Role } from './tenantGrant';

/** The Lambda handlers of `tasks/` that serve the API, by name (`tasks/{name}/handler.ts`). */
export const API_HANDLERS = ['ping', 'emit', 'get', 'cancel', 'list', 'report', 'ops', 'companies'] as const;
export type ApiHandlerName = (typeof API_HANDLERS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route. */
export type RouteAuth =
  /** No token, no API key (the health check). */
  | { readonly kind: 'public' }
  | {
      readonly kind: 'token';
      /**
       * OAuth scopes, any one of which the caller's access token must carry: the method's
       * `AuthorizationScopes` in API Gateway, checked the same way by the local gateway.
       */
      readonly scopes: readonly ApiScope[];
      /** Roles of the caller's grant (TENANTS_TABLE, never the token) allowed in; others get 403. */
      readonly roles: readonly Role[];
      /** What the roles may do, for the 403: `Role 'viewer' may not {action}`. */
      readonly action: string;
    };

/** The request's contracts; what a route leaves out it ignores. */
export interface RouteRequest {
  /** Path parameters, named as in the path's `{braces}`. */
  readonly path?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** The JSON body; in AWS, API Gateway validates it first with the model `name`, generated from the schema. */
  readonly body?: { readonly name: string; readonly schema: z.ZodType };
}

/** One route of the REST API. */
export interface ApiRouteSpec {
  readonly method: HttpMethod;
  /** API Gateway resource path, e.g. `/invoices/{id}`. */
  readonly path: `/${string}`;
  /** The handler serving it: infra integrates its function, the local gateway calls it in-process. */
  readonly handler: ApiHandlerName;
  readonly summary: string;
  readonly auth: RouteAuth;
  readonly request: RouteRequest;
  /** Status → body: the success answers, and the errors with the contract's error body. */
  readonly responses: Readonly<Record<number, z.ZodType>>;
}

/** Error answers share one body: `{message, code, errors, requestId}`. */
function errors<const S extends readonly number[]>(...statuses: S): { readonly [K in S[number]]: typeof ErrorBodySchema } {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBodySchema])) as { readonly [K in S[number]]: typeof ErrorBodySchema };
}

const READ_SCOPES = [API_SCOPES.read, API_SCOPES.write, API_SCOPES.admin, API_SCOPES.ops] as const;
const WRITE_SCOPES = [API_SCOPES.write, API_SCOPES.ops] as const;
const ADMIN_SCOPES = [API_SCOPES.admin, API_SCOPES.ops] as const;
const OPS_SCOPES = [API_SCOPES.ops] as const;
const EVERY_ROLE = ['client', 'viewer', 'admin', 'ops'] as const;
/** Who may emit and cancel: a tenant's clients and admins, and ops. */
const WRITERS = ['client', 'admin', 'ops'] as const;
const MANAGE_COMPANIES = { kind: 'token', scopes: ADMIN_SCOPES, roles: ['admin', 'ops'], action: 'manage companies' } as const;
const OPS = { kind: 'token', scopes: OPS_SCOPES, roles: ['ops'], action: 'use the ops API' } as const;
/** What API Gateway itself may answer on a token route: bad token, bad API key, throttled. */
const GATEWAY_ERRORS = errors(401, 403, 429);

/**
 * Every route of the REST API, defined once, keyed by operation id. The CDK app builds API
 * Gateway's resources, methods, models and scopes from it, the local gateway routes and checks
 * tokens by it, and each handler dispatches on the route it was called for.
 */
export const API_ROUTES = {
  ping: {
    method: 'GET',
    path: '/ping',
    handler: 'ping',
    summary: 'Health check',
    auth: { kind: 'public' },
    request: {},
    responses: { 200: PingResponseSchema },
  },
  emitInvoice: {
    method: 'POST',
    path: '/invoices',
    handler: 'emit',
    summary: 'Emit an invoice (optional Idempotency-Key: the same body gets the same answer, another body 409)',
    auth: { kind: 'token', scopes: WRITE_SCOPES, roles: WRITERS, action: 'emit invoices' },
    request: { body: { name: 'EmitInvoiceRequest', schema: EmitInvoiceRequestSchema } },
    responses: { 201: EmitInvoiceResponseSchema, ...GATEWAY_ERRORS, ...errors(400, 409, 413, 415, 422) },
  },
  listInvoices: {
    method: 'GET',
    path: '/invoices',
    handler: 'list',
    summary: "A company's invoices, newest first",
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'list invoices' },
    request: { query: ListInvoicesQuerySchema },
    responses: { 200: ListInvoicesResponseSchema, ...GATEWAY_ERRORS, ...errors(400) },
  },
  getInvoice: {
    method: 'GET',
    path: '/invoices/{id}',
    handler: 'get',
    summary: "An invoice (another tenant's is a 404 like an unknown one); include=xmlUrl and/or pdfUrl add presigned links to its XML documents and its PDF (the national DANFSe)",
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read invoices' },
    request: { path: InvoicePathSchema, query: GetInvoiceQuerySchema },
    responses: { 200: InvoiceViewSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
  },
  getInvoiceHistory: {
    method: 'GET',
    path: '/invoices/{id}/history',
    handler: 'get',
    summary: "An invoice's status timeline and the executions behind it, a page of executions at a time (limit, nextToken)",
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read invoices' },
    request: { path: InvoicePathSchema, query: InvoiceHistoryQuerySchema },
    responses: { 200: InvoiceHistorySchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
  },
  cancelInvoice: {
    method: 'POST',
    path: '/invoices/{id}/cancel',
    handler: 'cancel',
    summary: 'Cancel an ISSUED invoice (409 otherwise; optional Idempotency-Key)',
    auth: { kind: 'token', scopes: WRITE_SCOPES, roles: WRITERS, action: 'cancel invoices' },
    request: { path: InvoicePathSchema, body: { name: 'CancelInvoiceRequest', schema: CancelInvoiceRequestSchema } },
    responses: { 202: CancelInvoiceResponseSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 409, 413, 415) },
  },
  getRevenueReport: {
    method: 'GET',
    path: '/reports/revenue',
    handler: 'report',
    summary: 'Revenue by municipality in a month, from Aurora',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read reports' },
    request: { query: RevenueQuerySchema },
    responses: { 200: RevenueReportSchema, ...GATEWAY_ERRORS, ...errors(400) },
  },
  getCaller: {
    method: 'GET',
    path: '/me',
    handler: 'list',
    summary: "The caller's role and companies, from the tenants table",
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read their grant' },
    request: {},
    responses: { 200: CallerViewSchema, ...GATEWAY_ERRORS },
  },
  listExecutions: {
    method: 'GET',
    path: '/executions',
    handler: 'ops',
    summary: "A workflow's executions, newest first (viewers: their companies' only)",
    auth: { kind: 'token', scopes: READ_SCOPES, roles: ['ops', 'admin', 'viewer'], action: 'read executions' },
    request: { query: ListExecutionsQuerySchema },
    responses: { 200: ListExecutionsResponseSchema, ...GATEWAY_ERRORS, ...errors(400) },
  },
  getExecution: {
    method: 'GET',
    path: '/executions/{arn}',
    handler: 'ops',
    summary: 'An execution with its definition and history (viewers: their companies\' only)',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: ['ops', 'admin', 'viewer'], action: 'read executions' },
    request: { path: ExecutionPathSchema },
    responses: { 200: ExecutionDetailSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
  },
  redriveExecution: {
    method: 'POST',
    path: '/ops/executions/{arn}/redrive',
    handler: 'ops',
    summary: 'Redrive a failed execution from the state where it failed',
    auth: OPS,
    request: { path: ExecutionPathSchema },
    responses: { 202: StartedExecutionSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 409) },
  },
  stopExecution: {
    method: 'POST',
    path: '/ops/executions/{arn}/stop',
    handler: 'ops',
    summary: 'Stop a running execution',
    auth: OPS,
    request: { path: ExecutionPathSchema },
    responses: { 202: StartedExecutionSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 409) },
  },
  reprocessInvoice: {
    method: 'POST',
    path: '/ops/invoices/{id}/reprocess',
    handler: 'ops',
    summary: 'A new emission ({id}-r{n}, same RPS) for a FAILED invoice',
    auth: OPS,
    request: { path: InvoicePathSchema },
    responses: { 202: StartedExecutionSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 409) },
  },
  listFailures: {
    method: 'GET',
    path: '/ops/failures',
    handler: 'ops',
    summary: 'What waits on the failures queue',
    auth: OPS,
    request: {},
    responses: { 200: FailuresResponseSchema, ...GATEWAY_ERRORS },
  },
  reprocessFailures: {
    method: 'POST',
    path: '/ops/failures/reprocess',
    handler: 'ops',
    summary: 'Reprocess the invoices on the failures queue: some, or all',
    auth: OPS,
    request: { body: { name: 'ReprocessFailuresRequest', schema: ReprocessFailuresRequestSchema } },
    responses: { 200: ReprocessFailuresResponseSchema, ...GATEWAY_ERRORS, ...errors(400, 413, 415) },
  },
  listCompanies: {
    method: 'GET',
    path: '/companies',
    handler: 'companies',
    summary: "The caller's companies (every company for ops, a page at a time)",
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read companies' },
    request: { query: ListCompaniesQuerySchema },
    responses: { 200: ListCompaniesResponseSchema, ...GATEWAY_ERRORS, ...errors(400) },
  },
  getCompany: {
    method: 'GET',
    path: '/companies/{cnpj}',
    handler: 'companies',
    summary: "A company (the prestador) with its ETag; another tenant's is a 404 like an unknown one",
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read companies' },
    request: { path: CompanyPathSchema },
    responses: { 200: CompanySchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
  },
  putCompany: {
    method: 'PUT',
    path: '/companies/{cnpj}',
    handler: 'companies',
    summary: 'Create (201) or replace (200) a company; If-Match with its ETag makes the write land only on that version (412 otherwise)',
    auth: MANAGE_COMPANIES,
    request: { path: CompanyPathSchema, body: { name: 'CompanyInput', schema: CompanyInputSchema } },
    responses: { 200: CompanySchema, 201: CompanySchema, ...GATEWAY_ERRORS, ...errors(400, 404, 412, 413, 415) },
  },
  patchCompany: {
    method: 'PATCH',
    path: '/companies/{cnpj}',
    handler: 'companies',
    summary: "Change some of a company's fields (JSON Merge Patch: objects merge, null removes); If-Match as for PUT",
    auth: MANAGE_COMPANIES,
    request: { path: CompanyPathSchema, body: { name: 'CompanyPatch', schema: CompanyPatchSchema } },
    responses: { 200: CompanySchema, ...GATEWAY_ERRORS, ...errors(400, 404, 412, 413, 415) },
  },
  putCompanyCertificate: {
    method: 'PUT',
    path: '/companies/{cnpj}/certificate',
    handler: 'companies',
    summary: "Upload (201) or replace (200) the company's A1 certificate (.pfx base64 and password); 422 naming the problem when it cannot sign for the company now",
    auth: MANAGE_COMPANIES,
    request: { path: CompanyPathSchema, body: { name: 'CertificateUpload', schema: CertificateUploadSchema } },
    responses: { 200: CertificateViewSchema, 201: CertificateViewSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 413, 415, 422) },
  },
  getCompanyCertificate: {
    method: 'GET',
    path: '/companies/{cnpj}/certificate',
    handler: 'companies',
    summary: "The company's A1 certificate: metadata, days left and status, never key material (404 when none was uploaded)",
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read companies' },
    request: { path: CompanyPathSchema },
    responses: { 200: CertificateViewSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
  },
} as const satisfies Record<string, ApiRouteSpec>;

export type RouteId = keyof typeof API_ROUTES;
export type ApiRoute<K extends RouteId = RouteId> = (typeof API_ROUTES)[K];

/** The routes a handler serves. */
export type RouteIdOf<H extends ApiHandlerName> = { [K in RouteId]: ApiRoute<K>['handler'] extends H ? K : never }[RouteId];

/** Every route, with its id. */
export function apiRoutes(): Array<{ readonly id: RouteId } & ApiRouteSpec> {
  return (Object.keys(API_ROUTES) as RouteId[]).map((id) => ({ id, ...API_ROUTES[id] }));
}

/** The route API Gateway matched (`httpMethod` and `resource` of a proxy event), if it is in the table. */
export function routeOf(method: string, resource: string): RouteId | undefined {
  return (Object.keys(API_ROUTES) as RouteId[]).find((id) => API_ROUTES[id].method === method && API_ROUTES[id].path === resource);
}

/** The full OAuth scopes of a route (`nfse/ops`), as API Gateway's `AuthorizationScopes`; none for a public one. */
export function authorizationScopesOf(auth: RouteAuth): string[] {
  return auth.kind === 'public' ? [] : auth.scopes.map(fullScope);
}
