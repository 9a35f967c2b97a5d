import { ApiKeyPathSchema, CreateApiKeyRequestSchema, CreatedApiKeySchema, ListApiKeysResponseSchema, RevokedApiKeySchema } from './apiKey';
import { CREATE_API_KEY_EXAMPLES, GET_USAGE_EXAMPLES, LIST_API_KEYS_EXAMPLES, REVOKE_API_KEY_EXAMPLES } from './apiKeyExamples';
import { GET_MUNICIPALITY_EXAMPLES, LIST_MUNICIPALITIES_EXAMPLES } from './municipalityExamples';
import type { z } from 'zod';
import { ExecutionPathSchema, GetInvoiceQuerySchema, IdempotencyHeadersSchema, IfMatchHeadersSchema, InvoicePathSchema } from './apiParameters';
import { CancelInvoiceResponseSchema, EmitInvoiceResponseSchema, ErrorBodySchema, InvoiceViewSchema, PingResponseSchema, SubstituteInvoiceResponseSchema } from './apiResponses';
import { API_SCOPES, fullScope, type ApiScope } from './apiScopes';
import { CancelInvoiceRequestSchema } from './cancelInvoiceRequest';
import { CertificateUploadSchema, CertificateViewSchema } from './certificate';
import { CompanyInputSchema, CompanyPatchSchema, CompanyPathSchema, CompanySchema, ListCompaniesQuerySchema, ListCompaniesResponseSchema } from './company';
import { EmitInvoiceRequestSchema } from './emitInvoiceRequest';
import { SubstituteInvoiceRequestSchema } from './substituteInvoiceRequest';
import { InvoiceHistoryQuerySchema, InvoiceHistorySchema } from './invoiceHistory';
import { ListInvoicesQuerySchema, ListInvoicesResponseSchema, RevenueQuerySchema, RevenueReportSchema } from './listInvoices';
import { ListMunicipalitiesResponseSchema, MunicipalityPathSchema, MunicipalityViewSchema } from './municipalityView';
import {
  CorrectedInvoiceSchema,
  CorrectInvoiceRequestSchema,
  DismissFailureRequestSchema,
  DismissFailureResponseSchema,
  ExecutionDetailSchema,
  FailedExecutionsResponseSchema,
  FailuresResponseSchema,
  ListExecutionsQuerySchema,
  ListExecutionsResponseSchema,
  ReprocessFailuresRequestSchema,
  RedriveExecutionsRequestSchema,
  RedriveExecutionsResponseSchema,
  ReprocessFailuresResponseSchema,
  StartedExecutionSchema,
} from './ops';
import { CallerViewSchema, type Role } from './tenantGrant';
import { GET_CERTIFICATE_EXAMPLES, GET_COMPANY_EXAMPLES, LIST_COMPANIES_EXAMPLES, PATCH_COMPANY_EXAMPLES, PUT_CERTIFICATE_EXAMPLES, PUT_COMPANY_EXAMPLES } from './companyExamples';
import {
  CALLER_EXAMPLES,
  CANCEL_INVOICE_EXAMPLES,
  SUBSTITUTE_INVOICE_EXAMPLES,
  EMIT_INVOICE_EXAMPLES,
  GET_INVOICE_EXAMPLES,
  GET_INVOICE_HISTORY_EXAMPLES,
  LIST_INVOICES_EXAMPLES,
  PING_EXAMPLES,
  REVENUE_REPORT_EXAMPLES,
} from './invoiceExamples';
import {
  CORRECT_INVOICE_EXAMPLES,
  DISMISS_FAILURE_EXAMPLES,
  LIST_FAILED_EXECUTIONS_EXAMPLES,
  REDRIVE_FAILED_EXECUTIONS_EXAMPLES,
  GET_EXECUTION_EXAMPLES,
  LIST_EXECUTIONS_EXAMPLES,
  LIST_FAILURES_EXAMPLES,
  REDRIVE_EXECUTION_EXAMPLES,
  REPROCESS_FAILURES_EXAMPLES,
  REPROCESS_INVOICE_EXAMPLES,
  STOP_EXECUTION_EXAMPLES,
} from './opsExamples';
import type { RouteExamples } from './routeExamples';
import { GET_BILLING_RUN_EXAMPLES, LIST_BILLING_RUNS_EXAMPLES, START_BILLING_RUN_EXAMPLES } from './billingExamples';
import { BillingRunDetailSchema, BillingRunPathSchema, ListBillingRunsQuerySchema, ListBillingRunsResponseSchema, StartBillingRunRequestSchema, StartedBillingRunSchema } from './billingRuns';
import { UsageViewSchema } from './usage';
import { CreatedOrderSchema, CreateOrderRequestSchema, ListOrdersQuerySchema, ListOrdersResponseSchema, OrderPathSchema, OrderViewSchema } from './order';
import { CREATE_ORDER_EXAMPLES, GET_ORDER_EXAMPLES, GET_PRODUCT_EXAMPLES, LIST_ORDERS_EXAMPLES, PUT_PRODUCT_EXAMPLES, PUT_PRODUCTS_EXAMPLES } from './orderExamples';
import { BulkProductsRequestSchema, BulkProductsResponseSchema, ProductInputSchema, ProductPathSchema, ProductSchema } from './product';
import { ListDeliveriesResponseSchema, DeliveryPathSchema, ReplayedDeliverySchema } from './webhookDelivery';
import { CreatedWebhookSchema, CreateWebhookRequestSchema, ListWebhooksQuerySchema, ListWebhooksResponseSchema, RotatedWebhookSecretSchema, WebhookEndpointSchema, WebhookPathSchema } from './webhookEndpoint';
import {
  CREATE_WEBHOOK_EXAMPLES,
  DELETE_WEBHOOK_EXAMPLES,
  LIST_WEBHOOK_DELIVERIES_EXAMPLES,
  LIST_WEBHOOKS_EXAMPLES,
  REPLAY_WEBHOOK_DELIVERY_EXAMPLES,
  ROTATE_WEBHOOK_SECRET_EXAMPLES,
} from './webhookExamples';


/** The Lambda handlers of `tasks/` that serve the API, by name (`tasks/{name}/handler.ts`). */
export const API_HANDLERS = ['ping', 'emit', 'get', 'cancel', 'list', 'report', 'ops', 'companies', 'municipalities', 'billing', 'apikeys', 'webhooks', 'orders'] as const;
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
  /** Request headers the route reads (`Idempotency-Key`, `If-Match`), by their canonical names; every one optional. */
  readonly headers?: z.ZodObject;
  /** The JSON body; in AWS, API Gateway validates it first with the model `name`, generated from the schema. */
  readonly body?: { readonly name: string; readonly schema: z.ZodType };
}

/** Headers an answer carries beside its body. */
export const RESPONSE_HEADERS = {
  ETag: "The company's version, quoted (`\"3\"`): send it back in If-Match to write only over that version",
  Location: 'Where the created resource is',
  'Retry-After': 'Seconds to wait before sending again',
} as const;
export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;

/** What a route is about: the groups of the API reference. */
export const API_TAGS = {
  Health: 'Is the API up',
  Invoices: 'Emit, read, list and cancel NFS-e invoices',
  Companies: 'The companies (prestadores) that issue invoices: their records, versioned with ETag / If-Match',
  Municipalities: 'The cities invoices can be emitted for: their capabilities and the health of their systems',
  Reports: 'Figures from the reporting database',
  Caller: 'Who the API takes the caller for',
  Executions: 'The workflow executions behind the invoices',
  Ops: 'Platform operations: redrive, stop, reprocess (ops only)',
  Billing: 'Usage billing: a month of each client company’s usage, contracted in the ERP and invoiced (ops and admins)',
  Access: "A tenant's API keys, one per client application, each on a usage plan (rate, burst, monthly quota), and the usage counted against it",
  Webhooks: "Endpoints of a tenant's systems that receive its events, signed as Standard Webhooks; their deliveries and replays",
  Orders: 'Orders that reserve stock and then invoice (the orders saga), and the stock they reserve from',
} as const;
export type ApiTag = keyof typeof API_TAGS;

/** One route of the REST API. */
export interface ApiRouteSpec {
  readonly method: HttpMethod;
  /** API Gateway resource path, e.g. `/invoices/{id}`. */
  readonly path: `/${string}`;
  /** The handler serving it: infra integrates its function, the local gateway calls it in-process. */
  readonly handler: ApiHandlerName;
  readonly summary: string;
  readonly tag: ApiTag;
  readonly auth: RouteAuth;
  readonly request: RouteRequest;
  /** Status → body: the success answers, and the errors with the contract's error body. */
  readonly responses: Readonly<Record<number, z.ZodType>>;
  /** Headers some answers carry, by status. @default none */
  readonly responseHeaders?: Readonly<Record<number, readonly ResponseHeaderName[]>>;
  /** A request that succeeds and an answer for every status: the API reference shows them, the e2e suite sends them. */
  readonly examples: RouteExamples;
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
const BILLING = { kind: 'token', scopes: ADMIN_SCOPES, roles: ['ops', 'admin'], action: 'run billing' } as const;
const MANAGE_API_KEYS = { kind: 'token', scopes: ADMIN_SCOPES, roles: ['admin', 'ops'], action: 'manage API keys' } as const;
/** Who registers, deletes and replays webhooks: a tenant's clients (its integrations) and admins, and ops. */
const MANAGE_WEBHOOKS = { kind: 'token', scopes: [API_SCOPES.write, API_SCOPES.admin, API_SCOPES.ops], roles: WRITERS, action: 'manage webhooks' } as const;
/** Who sets the stock: a tenant's admins and ops (the catalog is the platform's, shared by every order). */
const MANAGE_STOCK = { kind: 'token', scopes: ADMIN_SCOPES, roles: ['admin', 'ops'], action: 'manage the stock' } as const;
const READ_WEBHOOKS = { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read webhooks' } as const;
/** What API Gateway itself may answer on a token route: bad token, bad API key, throttled. */
const GATEWAY_ERRORS = errors(401, 403, 429);
/** A throttled answer says when to send again. */
const THROTTLED = { 429: ['Retry-After'] } as const;

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
    tag: 'Health',
    auth: { kind: 'public' },
    request: {},
    responses: { 200: PingResponseSchema },
    examples: PING_EXAMPLES,
  },
  emitInvoice: {
    method: 'POST',
    path: '/invoices',
    handler: 'emit',
    summary: 'Emit an invoice (optional Idempotency-Key: the same body gets the same answer, another body 409); 422 before anything is written for a municipality the registry does not have or a company that lacks what its city requires',
    tag: 'Invoices',
    auth: { kind: 'token', scopes: WRITE_SCOPES, roles: WRITERS, action: 'emit invoices' },
    request: { headers: IdempotencyHeadersSchema, body: { name: 'EmitInvoiceRequest', schema: EmitInvoiceRequestSchema } },
    responses: { 201: EmitInvoiceResponseSchema, ...GATEWAY_ERRORS, ...errors(400, 409, 413, 415, 422) },
    responseHeaders: { 201: ['Location'], ...THROTTLED },
    examples: EMIT_INVOICE_EXAMPLES,
  },
  listInvoices: {
    method: 'GET',
    path: '/invoices',
    handler: 'list',
    summary: "A company's invoices, newest first",
    tag: 'Invoices',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'list invoices' },
    request: { query: ListInvoicesQuerySchema },
    responses: { 200: ListInvoicesResponseSchema, ...GATEWAY_ERRORS, ...errors(400) },
    responseHeaders: THROTTLED,
    examples: LIST_INVOICES_EXAMPLES,
  },
  getInvoice: {
    method: 'GET',
    path: '/invoices/{id}',
    handler: 'get',
    summary: "An invoice (another tenant's is a 404 like an unknown one); include=xmlUrl and/or pdfUrl add presigned links to its XML documents and its PDF (the national DANFSe, or a DANFSe-like auxiliary PDF for ABRASF cities)",
    tag: 'Invoices',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read invoices' },
    request: { path: InvoicePathSchema, query: GetInvoiceQuerySchema },
    responses: { 200: InvoiceViewSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: GET_INVOICE_EXAMPLES,
  },
  getInvoiceHistory: {
    method: 'GET',
    path: '/invoices/{id}/history',
    handler: 'get',
    summary: "An invoice's status timeline and the executions behind it, a page of executions at a time (limit, nextToken)",
    tag: 'Invoices',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read invoices' },
    request: { path: InvoicePathSchema, query: InvoiceHistoryQuerySchema },
    responses: { 200: InvoiceHistorySchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: GET_INVOICE_HISTORY_EXAMPLES,
  },
  cancelInvoice: {
    method: 'POST',
    path: '/invoices/{id}/cancel',
    handler: 'cancel',
    summary: "Cancel an ISSUED invoice (409 otherwise; optional Idempotency-Key) with a reason code (and reason) its municipality takes (400 naming the codes it does); GET shows CANCELLING once the cancellation's workflow has taken the invoice, a moment after this 202",
    tag: 'Invoices',
    auth: { kind: 'token', scopes: WRITE_SCOPES, roles: WRITERS, action: 'cancel invoices' },
    request: { path: InvoicePathSchema, headers: IdempotencyHeadersSchema, body: { name: 'CancelInvoiceRequest', schema: CancelInvoiceRequestSchema } },
    responses: { 202: CancelInvoiceResponseSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 409, 413, 415, 422) },
    responseHeaders: THROTTLED,
    examples: CANCEL_INVOICE_EXAMPLES,
  },
  substituteInvoice: {
    method: 'POST',
    path: '/invoices/{id}/substitute',
    handler: 'emit',
    summary:
      "Replace an ISSUED invoice by a new one (409 otherwise, naming its status; 422 where the municipality does not substitute): the new content (the body of POST /invoices without company and municipality) and a reason code (and reason) its municipality takes; idempotent by Idempotency-Key and by (invoice, content). The old invoice ends SUBSTITUTED, the new one ISSUED",
    tag: 'Invoices',
    auth: { kind: 'token', scopes: WRITE_SCOPES, roles: WRITERS, action: 'substitute invoices' },
    request: { path: InvoicePathSchema, headers: IdempotencyHeadersSchema, body: { name: 'SubstituteInvoiceRequest', schema: SubstituteInvoiceRequestSchema } },
    responses: { 202: SubstituteInvoiceResponseSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 409, 413, 415, 422) },
    responseHeaders: THROTTLED,
    examples: SUBSTITUTE_INVOICE_EXAMPLES,
  },
  getRevenueReport: {
    method: 'GET',
    path: '/reports/revenue',
    handler: 'report',
    summary: 'Revenue by municipality in a month, from Aurora',
    tag: 'Reports',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read reports' },
    request: { query: RevenueQuerySchema },
    responses: { 200: RevenueReportSchema, ...GATEWAY_ERRORS, ...errors(400) },
    responseHeaders: THROTTLED,
    examples: REVENUE_REPORT_EXAMPLES,
  },
  getCaller: {
    method: 'GET',
    path: '/me',
    handler: 'list',
    summary: "The caller's role and companies, from the tenants table",
    tag: 'Caller',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read their grant' },
    request: {},
    responses: { 200: CallerViewSchema, ...GATEWAY_ERRORS },
    responseHeaders: THROTTLED,
    examples: CALLER_EXAMPLES,
  },
  listExecutions: {
    method: 'GET',
    path: '/executions',
    handler: 'ops',
    summary: "A workflow's executions, newest first (viewers: their companies' only)",
    tag: 'Executions',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: ['ops', 'admin', 'viewer'], action: 'read executions' },
    request: { query: ListExecutionsQuerySchema },
    responses: { 200: ListExecutionsResponseSchema, ...GATEWAY_ERRORS, ...errors(400) },
    responseHeaders: THROTTLED,
    examples: LIST_EXECUTIONS_EXAMPLES,
  },
  getExecution: {
    method: 'GET',
    path: '/executions/{arn}',
    handler: 'ops',
    summary: "An execution (its ARN, or the name the list prints) with its definition and history (viewers: their companies' only)",
    tag: 'Executions',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: ['ops', 'admin', 'viewer'], action: 'read executions' },
    request: { path: ExecutionPathSchema },
    responses: { 200: ExecutionDetailSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: GET_EXECUTION_EXAMPLES,
  },
  redriveExecution: {
    method: 'POST',
    path: '/ops/executions/{arn}/redrive',
    handler: 'ops',
    summary: 'Redrive a failed execution (ARN or name) from the state where it failed',
    tag: 'Ops',
    auth: OPS,
    request: { path: ExecutionPathSchema },
    responses: { 202: StartedExecutionSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 409) },
    responseHeaders: THROTTLED,
    examples: REDRIVE_EXECUTION_EXAMPLES,
  },
  stopExecution: {
    method: 'POST',
    path: '/ops/executions/{arn}/stop',
    handler: 'ops',
    summary: 'Stop a running execution (ARN or name)',
    tag: 'Ops',
    auth: OPS,
    request: { path: ExecutionPathSchema },
    responses: { 202: StartedExecutionSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 409) },
    responseHeaders: THROTTLED,
    examples: STOP_EXECUTION_EXAMPLES,
  },
  reprocessInvoice: {
    method: 'POST',
    path: '/ops/invoices/{id}/reprocess',
    handler: 'ops',
    summary: 'A new emission ({id}-r{n}, same RPS) for a FAILED invoice',
    tag: 'Ops',
    auth: OPS,
    request: { path: InvoicePathSchema },
    responses: { 202: StartedExecutionSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 409) },
    responseHeaders: THROTTLED,
    examples: REPROCESS_INVOICE_EXAMPLES,
  },
  correctInvoice: {
    method: 'POST',
    path: '/ops/invoices/{id}/correct',
    handler: 'ops',
    summary: 'Change the fields of an invoice FAILED with a permanent error and re-emit it ({id}-r{n}) under a new RPS, the old one kept as replaced',
    tag: 'Ops',
    auth: OPS,
    request: { path: InvoicePathSchema, body: { name: 'CorrectInvoiceRequest', schema: CorrectInvoiceRequestSchema } },
    responses: { 202: CorrectedInvoiceSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 409, 413, 415, 422) },
    responseHeaders: THROTTLED,
    examples: CORRECT_INVOICE_EXAMPLES,
  },
  listFailures: {
    method: 'GET',
    path: '/ops/failures',
    handler: 'ops',
    summary: "What waits on the failures queue, each with its invoice's status and what ops may do (resolved entries leave the queue)",
    tag: 'Ops',
    auth: OPS,
    request: {},
    responses: { 200: FailuresResponseSchema, ...GATEWAY_ERRORS },
    responseHeaders: THROTTLED,
    examples: LIST_FAILURES_EXAMPLES,
  },
  dismissFailure: {
    method: 'POST',
    path: '/ops/failures/{id}/dismiss',
    handler: 'ops',
    summary: "Take an invoice's failure off the queue with a reason (kept in its timeline)",
    tag: 'Ops',
    auth: OPS,
    request: { path: InvoicePathSchema, body: { name: 'DismissFailureRequest', schema: DismissFailureRequestSchema } },
    responses: { 200: DismissFailureResponseSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 413, 415) },
    responseHeaders: THROTTLED,
    examples: DISMISS_FAILURE_EXAMPLES,
  },
  listFailedExecutions: {
    method: 'GET',
    path: '/ops/failed-executions',
    handler: 'ops',
    summary: 'Executions that failed inside their workflow (an infrastructure state): their remedy is a redrive',
    tag: 'Ops',
    auth: OPS,
    request: {},
    responses: { 200: FailedExecutionsResponseSchema, ...GATEWAY_ERRORS },
    responseHeaders: THROTTLED,
    examples: LIST_FAILED_EXECUTIONS_EXAMPLES,
  },
  redriveFailedExecutions: {
    method: 'POST',
    path: '/ops/failed-executions/redrive',
    handler: 'ops',
    summary: 'Redrive failed executions: some (ARNs or names), or all of those listed',
    tag: 'Ops',
    auth: OPS,
    request: { body: { name: 'RedriveExecutionsRequest', schema: RedriveExecutionsRequestSchema } },
    responses: { 200: RedriveExecutionsResponseSchema, ...GATEWAY_ERRORS, ...errors(400, 413, 415) },
    responseHeaders: THROTTLED,
    examples: REDRIVE_FAILED_EXECUTIONS_EXAMPLES,
  },
  reprocessFailures: {
    method: 'POST',
    path: '/ops/failures/reprocess',
    handler: 'ops',
    summary: 'Reprocess the invoices on the failures queue: some, or all',
    tag: 'Ops',
    auth: OPS,
    request: { body: { name: 'ReprocessFailuresRequest', schema: ReprocessFailuresRequestSchema } },
    responses: { 200: ReprocessFailuresResponseSchema, ...GATEWAY_ERRORS, ...errors(400, 413, 415) },
    responseHeaders: THROTTLED,
    examples: REPROCESS_FAILURES_EXAMPLES,
  },
  startBillingRun: {
    method: 'POST',
    path: '/billing/runs',
    handler: 'billing',
    summary: 'Bill a month (or some of its companies): starts BillingCycleWorkflow; 409 while a run of the month is running',
    tag: 'Billing',
    auth: BILLING,
    request: { body: { name: 'StartBillingRunRequest', schema: StartBillingRunRequestSchema } },
    responses: { 202: StartedBillingRunSchema, ...GATEWAY_ERRORS, ...errors(400, 409, 413, 415) },
    responseHeaders: THROTTLED,
    examples: START_BILLING_RUN_EXAMPLES,
  },
  listBillingRuns: {
    method: 'GET',
    path: '/billing/runs',
    handler: 'billing',
    summary: 'The billing runs, newest first, with their summaries, a page at a time',
    tag: 'Billing',
    auth: BILLING,
    request: { query: ListBillingRunsQuerySchema },
    responses: { 200: ListBillingRunsResponseSchema, ...GATEWAY_ERRORS, ...errors(400) },
    responseHeaders: THROTTLED,
    examples: LIST_BILLING_RUNS_EXAMPLES,
  },
  getBillingRun: {
    method: 'GET',
    path: '/billing/runs/{id}',
    handler: 'billing',
    summary: 'A billing run with each company of its month and its outcome',
    tag: 'Billing',
    auth: BILLING,
    request: { path: BillingRunPathSchema },
    responses: { 200: BillingRunDetailSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: GET_BILLING_RUN_EXAMPLES,
  },
  listCompanies: {
    method: 'GET',
    path: '/companies',
    handler: 'companies',
    summary: "The caller's companies (every company for ops, a page at a time)",
    tag: 'Companies',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read companies' },
    request: { query: ListCompaniesQuerySchema },
    responses: { 200: ListCompaniesResponseSchema, ...GATEWAY_ERRORS, ...errors(400) },
    responseHeaders: THROTTLED,
    examples: LIST_COMPANIES_EXAMPLES,
  },
  getCompany: {
    method: 'GET',
    path: '/companies/{cnpj}',
    handler: 'companies',
    summary: "A company (the prestador) with its ETag; another tenant's is a 404 like an unknown one",
    tag: 'Companies',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read companies' },
    request: { path: CompanyPathSchema },
    responses: { 200: CompanySchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: { 200: ['ETag'], ...THROTTLED },
    examples: GET_COMPANY_EXAMPLES,
  },
  putCompany: {
    method: 'PUT',
    path: '/companies/{cnpj}',
    handler: 'companies',
    summary: 'Create (201) or replace (200) a company; If-Match with its ETag makes the write land only on that version (412 otherwise)',
    tag: 'Companies',
    auth: MANAGE_COMPANIES,
    request: { path: CompanyPathSchema, headers: IfMatchHeadersSchema, body: { name: 'CompanyInput', schema: CompanyInputSchema } },
    responses: { 200: CompanySchema, 201: CompanySchema, ...GATEWAY_ERRORS, ...errors(400, 404, 412, 413, 415) },
    responseHeaders: { 200: ['ETag'], 201: ['ETag', 'Location'], ...THROTTLED },
    examples: PUT_COMPANY_EXAMPLES,
  },
  patchCompany: {
    method: 'PATCH',
    path: '/companies/{cnpj}',
    handler: 'companies',
    summary: "Change some of a company's fields (JSON Merge Patch: objects merge, null removes); If-Match as for PUT",
    tag: 'Companies',
    auth: MANAGE_COMPANIES,
    request: { path: CompanyPathSchema, headers: IfMatchHeadersSchema, body: { name: 'CompanyPatch', schema: CompanyPatchSchema } },
    responses: { 200: CompanySchema, ...GATEWAY_ERRORS, ...errors(400, 404, 412, 413, 415) },
    responseHeaders: { 200: ['ETag'], ...THROTTLED },
    examples: PATCH_COMPANY_EXAMPLES,
  },
  putCompanyCertificate: {
    method: 'PUT',
    path: '/companies/{cnpj}/certificate',
    handler: 'companies',
    summary: "Upload (201) or replace (200) the company's A1 certificate (.pfx base64 and password); 422 naming the problem when it cannot sign for the company now",
    tag: 'Companies',
    auth: MANAGE_COMPANIES,
    request: { path: CompanyPathSchema, body: { name: 'CertificateUpload', schema: CertificateUploadSchema } },
    responses: { 200: CertificateViewSchema, 201: CertificateViewSchema, ...GATEWAY_ERRORS, ...errors(400, 404, 413, 415, 422) },
    responseHeaders: { 201: ['Location'], ...THROTTLED },
    examples: PUT_CERTIFICATE_EXAMPLES,
  },
  getCompanyCertificate: {
    method: 'GET',
    path: '/companies/{cnpj}/certificate',
    handler: 'companies',
    summary: "The company's A1 certificate: metadata, days left and status, never key material (404 when none was uploaded)",
    tag: 'Companies',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read companies' },
    request: { path: CompanyPathSchema },
    responses: { 200: CertificateViewSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: GET_CERTIFICATE_EXAMPLES,
  },
  listMunicipalities: {
    method: 'GET',
    path: '/municipalities',
    handler: 'municipalities',
    summary: 'The municipalities invoices can be emitted for: provider, environment, capabilities, what a company must hold, and the health the adapters report',
    tag: 'Municipalities',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read municipalities' },
    request: {},
    responses: { 200: ListMunicipalitiesResponseSchema, ...GATEWAY_ERRORS },
    responseHeaders: THROTTLED,
    examples: LIST_MUNICIPALITIES_EXAMPLES,
  },
  getMunicipality: {
    method: 'GET',
    path: '/municipalities/{code}',
    handler: 'municipalities',
    summary: 'One municipality by IBGE code, with its capabilities and health (404 when the registry does not have it)',
    tag: 'Municipalities',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read municipalities' },
    request: { path: MunicipalityPathSchema },
    responses: { 200: MunicipalityViewSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: GET_MUNICIPALITY_EXAMPLES,
  },
  createApiKey: {
    method: 'POST',
    path: '/api-keys',
    handler: 'apikeys',
    summary: "Create an API key for one of the tenant's client applications, tied to a usage plan (starter, business); its value is answered this once",
    tag: 'Access',
    auth: MANAGE_API_KEYS,
    request: { body: { name: 'CreateApiKeyRequest', schema: CreateApiKeyRequestSchema } },
    responses: { 201: CreatedApiKeySchema, ...GATEWAY_ERRORS, ...errors(400, 409, 413, 415) },
    responseHeaders: { 201: ['Location'], ...THROTTLED },
    examples: CREATE_API_KEY_EXAMPLES,
  },
  listApiKeys: {
    method: 'GET',
    path: '/api-keys',
    handler: 'apikeys',
    summary: "The tenant's API keys with their plans, never their values (a prefix tells them apart)",
    tag: 'Access',
    auth: MANAGE_API_KEYS,
    request: {},
    responses: { 200: ListApiKeysResponseSchema, ...GATEWAY_ERRORS },
    responseHeaders: THROTTLED,
    examples: LIST_API_KEYS_EXAMPLES,
  },
  revokeApiKey: {
    method: 'DELETE',
    path: '/api-keys/{id}',
    handler: 'apikeys',
    summary: "Revoke one of the tenant's API keys: API Gateway refuses it with 403 from then on",
    tag: 'Access',
    auth: MANAGE_API_KEYS,
    request: { path: ApiKeyPathSchema },
    responses: { 200: RevokedApiKeySchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: REVOKE_API_KEY_EXAMPLES,
  },
  getUsage: {
    method: 'GET',
    path: '/usage',
    handler: 'apikeys',
    summary: "The calling API key's requests this month against its plan's quota, and the invoices its companies emitted this month",
    tag: 'Access',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read usage' },
    request: {},
    responses: { 200: UsageViewSchema, ...GATEWAY_ERRORS },
    responseHeaders: THROTTLED,
    examples: GET_USAGE_EXAMPLES,
  },
  createWebhook: {
    method: 'POST',
    path: '/webhooks',
    handler: 'webhooks',
    summary: "Register an endpoint for some of a company's events (400 listing the event types for an unknown one); answers its signing secret, shown this once",
    tag: 'Webhooks',
    auth: MANAGE_WEBHOOKS,
    request: { body: { name: 'CreateWebhookRequest', schema: CreateWebhookRequestSchema } },
    responses: { 201: CreatedWebhookSchema, ...GATEWAY_ERRORS, ...errors(400, 409, 413, 415) },
    responseHeaders: { 201: ['Location'], ...THROTTLED },
    examples: CREATE_WEBHOOK_EXAMPLES,
  },
  listWebhooks: {
    method: 'GET',
    path: '/webhooks',
    handler: 'webhooks',
    summary: "The endpoints of the caller's companies (ops: name one), never their secrets",
    tag: 'Webhooks',
    auth: READ_WEBHOOKS,
    request: { query: ListWebhooksQuerySchema },
    responses: { 200: ListWebhooksResponseSchema, ...GATEWAY_ERRORS, ...errors(400) },
    responseHeaders: THROTTLED,
    examples: LIST_WEBHOOKS_EXAMPLES,
  },
  deleteWebhook: {
    method: 'DELETE',
    path: '/webhooks/{id}',
    handler: 'webhooks',
    summary: 'Delete an endpoint and its secret; answers it as it was',
    tag: 'Webhooks',
    auth: MANAGE_WEBHOOKS,
    request: { path: WebhookPathSchema },
    responses: { 200: WebhookEndpointSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: DELETE_WEBHOOK_EXAMPLES,
  },
  rotateWebhookSecret: {
    method: 'POST',
    path: '/webhooks/{id}/rotate-secret',
    handler: 'webhooks',
    summary: 'A new signing secret, shown once; deliveries carry a signature with the previous one too for 24 h',
    tag: 'Webhooks',
    auth: MANAGE_WEBHOOKS,
    request: { path: WebhookPathSchema },
    responses: { 200: RotatedWebhookSecretSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: ROTATE_WEBHOOK_SECRET_EXAMPLES,
  },
  listWebhookDeliveries: {
    method: 'GET',
    path: '/webhooks/{id}/deliveries',
    handler: 'webhooks',
    summary: "An endpoint's latest deliveries, newest first, each with its attempts",
    tag: 'Webhooks',
    auth: READ_WEBHOOKS,
    request: { path: WebhookPathSchema },
    responses: { 200: ListDeliveriesResponseSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: LIST_WEBHOOK_DELIVERIES_EXAMPLES,
  },
  replayWebhookDelivery: {
    method: 'POST',
    path: '/webhooks/deliveries/{id}/replay',
    handler: 'webhooks',
    summary: 'Send a delivery again: the same payload with the same webhook-id',
    tag: 'Webhooks',
    auth: MANAGE_WEBHOOKS,
    request: { path: DeliveryPathSchema },
    responses: { 202: ReplayedDeliverySchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: REPLAY_WEBHOOK_DELIVERY_EXAMPLES,
  },
  getProduct: {
    method: 'GET',
    path: '/products/{sku}',
    handler: 'orders',
    summary: 'A product and the units in stock now',
    tag: 'Orders',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read the stock' },
    request: { path: ProductPathSchema },
    responses: { 200: ProductSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: GET_PRODUCT_EXAMPLES,
  },
  putProduct: {
    method: 'PUT',
    path: '/products/{sku}',
    handler: 'orders',
    summary: 'Create or replace a product: its quantity is the count given (admins and ops)',
    tag: 'Orders',
    auth: MANAGE_STOCK,
    request: { path: ProductPathSchema, body: { name: 'ProductInput', schema: ProductInputSchema } },
    responses: { 200: ProductSchema, ...GATEWAY_ERRORS, ...errors(400, 413, 415) },
    responseHeaders: THROTTLED,
    examples: PUT_PRODUCT_EXAMPLES,
  },
  putProducts: {
    method: 'PUT',
    path: '/products',
    handler: 'orders',
    summary: 'Bulk load: up to 500 products set in one statement, all or none (admins and ops)',
    tag: 'Orders',
    auth: MANAGE_STOCK,
    request: { body: { name: 'BulkProductsRequest', schema: BulkProductsRequestSchema } },
    responses: { 200: BulkProductsResponseSchema, ...GATEWAY_ERRORS, ...errors(400, 413, 415) },
    responseHeaders: THROTTLED,
    examples: PUT_PRODUCTS_EXAMPLES,
  },
  createOrder: {
    method: 'POST',
    path: '/orders',
    handler: 'orders',
    summary: 'Take an order (optional Idempotency-Key): PENDING, then the saga reserves every item or none and invoices it (CONFIRMADA), or ends ERRO_ESTOQUE or FAILED',
    tag: 'Orders',
    auth: { kind: 'token', scopes: WRITE_SCOPES, roles: WRITERS, action: 'take orders' },
    request: { headers: IdempotencyHeadersSchema, body: { name: 'CreateOrderRequest', schema: CreateOrderRequestSchema } },
    responses: { 201: CreatedOrderSchema, ...GATEWAY_ERRORS, ...errors(400, 409, 413, 415, 422) },
    responseHeaders: { 201: ['Location'], ...THROTTLED },
    examples: CREATE_ORDER_EXAMPLES,
  },
  listOrders: {
    method: 'GET',
    path: '/orders',
    handler: 'orders',
    summary: "A company's orders, newest first (ops: every company's)",
    tag: 'Orders',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'list orders' },
    request: { query: ListOrdersQuerySchema },
    responses: { 200: ListOrdersResponseSchema, ...GATEWAY_ERRORS, ...errors(400) },
    responseHeaders: THROTTLED,
    examples: LIST_ORDERS_EXAMPLES,
  },
  getOrder: {
    method: 'GET',
    path: '/orders/{id}',
    handler: 'orders',
    summary: "An order with its saga's steps (compensation included), its execution and invoice, and its outbox events (another tenant's is a 404)",
    tag: 'Orders',
    auth: { kind: 'token', scopes: READ_SCOPES, roles: EVERY_ROLE, action: 'read orders' },
    request: { path: OrderPathSchema },
    responses: { 200: OrderViewSchema, ...GATEWAY_ERRORS, ...errors(400, 404) },
    responseHeaders: THROTTLED,
    examples: GET_ORDER_EXAMPLES,
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

/**
 * What a browser may send and read across origins, from the table: every method a route has, the
 * headers every call sends (token, API key, JSON) and every request header a route reads
 * (`Idempotency-Key`, `If-Match`), and every answer header (`ETag`, `Location`, `Retry-After`).
 * API Gateway's preflight and gateway responses, the handlers' answers and the local gateway use it.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html
 */
export function corsPolicy(): { readonly allowMethods: string[]; readonly allowHeaders: string[]; readonly exposeHeaders: string[] } {
  const routes = apiRoutes();
  return {
    allowMethods: [...new Set([...routes.map((route) => route.method), 'OPTIONS'])],
    allowHeaders: [...new Set(['Authorization', 'Content-Type', 'X-Api-Key', ...routes.flatMap((route) => Object.keys(route.request.headers?.shape ?? {}))])],
    exposeHeaders: Object.keys(RESPONSE_HEADERS),
  };
}
