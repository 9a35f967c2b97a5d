import { API_HANDLERS, type ApiHandlerName } from '../../../contracts/apiRoutes';
import type { BillingPlaceholderName, OrderPlaceholderName } from '../../../contracts/wiring';
import type { TaskAccess } from './taskAccess';
import { INVOICE_INDEXES } from '../../../contracts/invoiceRecord';
import { WEBHOOKS_LOOKUP_INDEX } from '../../../contracts/webhookRecords';
import { INVOICE_METRICS_TIMEOUT_SECONDS } from '../../../contracts/invoiceBusEvent';

/** One Lambda of tasks/. Its API routes, if any, are those of `contracts/apiRoutes.ts` naming it as handler. */
export interface TaskSpec {
  /** The handler file, from the repository root (exports `handler`). */
  readonly entry: string;
  readonly description: string;
  /**
   * `dlq`: an SQS event source on RequestsDLQ; `startQueue`: one on StartQueue; `schedule`: an
   * EventBridge rule; `invoiceEvents`: a rule on the app's bus for every invoice event
   * (`INVOICE_METRICS_EVENT_PATTERN`), its target's undeliverable events in a DLQ of its own;
   * `workflow`: invoked by state machines, which name it by its `placeholder` (the function is
   * named `nfse-{stage}-{functionName}`, so WorkflowsStack knows its ARN first).
   */
  readonly trigger?:
    | { readonly kind: 'dlq' }
    | { readonly kind: 'startQueue' }
    | { readonly kind: 'schedule'; readonly everyMinutes: number }
    | { readonly kind: 'invoiceEvents' }
    | { readonly kind: 'workflow'; readonly placeholder: Extract<BillingPlaceholderName | OrderPlaceholderName, `${string}FunctionArn`>; readonly functionName: string };
  /** What it may touch; its environment variables follow from this list. */
  readonly access: readonly TaskAccess[];
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default 512 */
  readonly memoryMb?: number;
}

/**
 * Every task of the architecture. Only those in {@link DEPLOYED_TASKS} are deployed; when a
 * handler lands in tasks/, add its key there (one line).
 */
export const TASK_SPECS = {
  ping: { entry: 'tasks/ping/handler.ts', description: 'GET /ping: health check', access: [] },
  emit: {
    entry: 'tasks/emit/handler.ts',
    description: 'POST /invoices: records the invoice, stores the RPS XML, starts EmissionWorkflow; POST /invoices/{id}/substitute: the same for an invoice that replaces another, started by SubstitutionWorkflow',
    access: [
      { kind: 'table', table: 'tenants', actions: ['GetItem'] },
      // GetItem: replays; PutItem: the EMITTED record; UpdateItem: the RPS counter (ADD) and the execution ARN.
      { kind: 'table', table: 'invoices', actions: ['GetItem', 'PutItem', 'UpdateItem'] },
      { kind: 'table', table: 'requests', actions: ['GetItem', 'PutItem', 'UpdateItem'] },
      { kind: 'table', table: 'companies', actions: ['GetItem'] },
      { kind: 'docs', actions: ['s3:PutObject'], prefixes: ['xml/'] },
      { kind: 'startWorkflow', workflow: 'emission' },
      // POST /invoices/{id}/substitute: the new invoice is emitted by SubstitutionWorkflow.
      { kind: 'startWorkflow', workflow: 'substitution' },
      // Past the StartExecution quota the start waits in StartQueue and the API still answers 201.
      { kind: 'deferStarts' },
      // A city no adapter serves, or a company it would refuse, is a 422 before anything is written.
      { kind: 'municipalities' },
    ],
  },
  get: {
    entry: 'tasks/get/handler.ts',
    description: 'GET /invoices/{id}: the invoice, with presigned XML links on request; /history: its statuses and executions',
    access: [
      { kind: 'table', table: 'tenants', actions: ['GetItem'] },
      { kind: 'table', table: 'invoices', actions: ['GetItem'] },
      // Presigned GETs carry the function's permissions: it must be able to read both documents.
      { kind: 'docs', actions: ['s3:GetObject'], prefixes: ['xml/', 'nfse/'] },
      { kind: 'describeExecutions', workflow: 'emission' },
      { kind: 'describeExecutions', workflow: 'cancellation' },
      { kind: 'describeExecutions', workflow: 'substitution' },
      { kind: 'pageTokens' },
    ],
  },
  cancel: {
    entry: 'tasks/cancel/handler.ts',
    description: 'POST /invoices/{id}/cancel: starts CancellationWorkflow',
    access: [
      { kind: 'table', table: 'tenants', actions: ['GetItem'] },
      { kind: 'table', table: 'invoices', actions: ['GetItem', 'UpdateItem'] },
      { kind: 'table', table: 'requests', actions: ['GetItem', 'PutItem', 'UpdateItem'] },
      { kind: 'startWorkflow', workflow: 'cancellation' },
      // The reason codes (and reason) the invoice's city takes.
      { kind: 'municipalities' },
    ],
  },
  list: {
    entry: 'tasks/list/handler.ts',
    description: 'GET /invoices: a company’s invoices by date (GSI byCompany); GET /me: the caller’s grant',
    access: [
      { kind: 'table', table: 'tenants', actions: ['GetItem'] },
      { kind: 'table', table: 'invoices', actions: ['Query'], index: INVOICE_INDEXES.byCompany },
      { kind: 'pageTokens' },
    ],
  },
  report: {
    entry: 'tasks/report/handler.ts',
    description: 'GET /reports/revenue: monthly revenue from Aurora (Data API)',
    access: [{ kind: 'table', table: 'tenants', actions: ['GetItem'] }, { kind: 'reporting' }],
    timeoutSeconds: 30,
  },
  ops: {
    entry: 'tasks/ops/handler.ts',
    description: '/executions: executions to read (viewers: their companies only); /ops/*: redrive, stop, reprocess, correct and re-emit, the failures queue and the failed executions (adapters are scaled with the nfse CLI, under the caller\'s own IAM)',
    access: [
      { kind: 'table', table: 'tenants', actions: ['GetItem'] },
      // UpdateItem: reprocess and correction claims, the RPS counter (ADD) of a correction, the ops actions of the timeline.
      { kind: 'table', table: 'invoices', actions: ['GetItem', 'BatchGetItem', 'UpdateItem', 'Query'], index: INVOICE_INDEXES.byCompany },
      // A correction renders the RPS XML with the company as prestador, and stores it beside the replaced one.
      { kind: 'table', table: 'companies', actions: ['GetItem'] },
      // A correction may name another city: the registry says whether it is served.
      { kind: 'municipalities' },
      { kind: 'docs', actions: ['s3:PutObject'], prefixes: ['xml/'] },
      { kind: 'failures' },
      { kind: 'startWorkflow', workflow: 'emission' },
      // A refused cancellation, reprocessed: a new cancel request.
      { kind: 'startWorkflow', workflow: 'cancellation' },
      { kind: 'manageExecutions', workflow: 'emission' },
      { kind: 'manageExecutions', workflow: 'cancellation' },
      { kind: 'manageExecutions', workflow: 'substitution' },
      // The console's billing pages link to the runs' executions: who may read billing runs reads them (tasks/ops/executionAccess.ts),
      // and lists them (GET /executions?workflow=billingCycle).
      { kind: 'readExecutions', workflow: 'billingCycle' },
      { kind: 'readExecutions', workflow: 'cnpjSync' },
      // The console's order page links to the order's saga: who may read the order reads its execution (tasks/ops/executionAccess.ts); ops list them.
      { kind: 'readExecutions', workflow: 'orderSaga' },
      { kind: 'pageTokens' },
    ],
    timeoutSeconds: 30,
  },
  companies: {
    entry: 'tasks/companies/handler.ts',
    description: '/companies: the companies (prestadores) of a tenant: create, replace, patch (optimistic versions), read, list; their A1 certificates (written to Secrets Manager, never read back)',
    access: [
      { kind: 'table', table: 'tenants', actions: ['GetItem'] },
      // UpdateItem: the certificate part of a company.
      { kind: 'table', table: 'companies', actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'Scan'] },
      { kind: 'pageTokens' },
      { kind: 'writeCertificateSecrets' },
    ],
  },
  municipalities: {
    entry: 'tasks/municipalities/handler.ts',
    description: '/municipalities: the registry the adapters serve (capabilities, what a company must hold) with the health the adapters report',
    access: [{ kind: 'table', table: 'tenants', actions: ['GetItem'] }, { kind: 'municipalities' }, { kind: 'cityHealth' }],
  },
  billing: {
    entry: 'tasks/billing/runsHandler.ts',
    description: '/billing/runs: starts a month of BillingCycleWorkflow, lists the runs, shows one with each company as billing.consolidations records it',
    access: [
      { kind: 'table', table: 'tenants', actions: ['GetItem'] },
      { kind: 'startWorkflow', workflow: 'billingCycle' },
      // The month's running run (409) and the manual runs so far (the next run's name); a run by its id.
      { kind: 'listExecutions', workflow: 'billingCycle' },
      { kind: 'billingRecords' },
      // empresaIds are checked against the usage platform's companies.
      { kind: 'billingIntegrations' },
      // GET /billing/runs pages with a sealed nextToken.
      { kind: 'pageTokens' },
    ],
    timeoutSeconds: 30,
  },
  billingUsage: {
    entry: 'tasks/billing/usageHandler.ts',
    description: "BillingCycleWorkflow's FetchVolumes and CnpjSyncWorkflow's FetchPage: the usage platform's volumes and client companies",
    trigger: { kind: 'workflow', placeholder: 'BillingUsageFunctionArn', functionName: 'billing-usage' },
    access: [{ kind: 'billingIntegrations' }],
    // The usage platform pages through every company of two products; its client times out each call at 10 s.
    timeoutSeconds: 300,
  },
  billingErp: {
    entry: 'tasks/billing/erpHandler.ts',
    description: 'EnsureErpClient, CreateContract and UpsertClient: the company as a client of the ERP (Omie) and its monthly contract, idempotent by our keys',
    trigger: { kind: 'workflow', placeholder: 'BillingErpFunctionArn', functionName: 'billing-erp' },
    access: [{ kind: 'billingIntegrations' }],
    // A create that meets a duplicate reads the record back: two Omie calls of up to 15 s each.
    timeoutSeconds: 60,
  },
  billingInvoice: {
    entry: 'tasks/billing/invoiceHandler.ts',
    description: "PrepareInvoice: the month's invoice of a company (record, RPS number and XML, its id derived from issuer, month and company) and the emission to run",
    trigger: { kind: 'workflow', placeholder: 'BillingInvoiceFunctionArn', functionName: 'billing-invoice' },
    access: [
      // GetItem: the invoice a re-run finds; PutItem: the EMITTED record; UpdateItem: the RPS counter (ADD) and a reprocess claim.
      { kind: 'table', table: 'invoices', actions: ['GetItem', 'PutItem', 'UpdateItem'] },
      { kind: 'table', table: 'companies', actions: ['GetItem'] },
      { kind: 'docs', actions: ['s3:PutObject'], prefixes: ['xml/'] },
      // The record carries its emission's execution ARN; BillingCycleWorkflow starts that emission, not this function.
      { kind: 'nameWorkflow', workflow: 'emission' },
      { kind: 'billingIssuer' },
    ],
    timeoutSeconds: 30,
  },
  apikeys: {
    entry: 'tasks/apikeys/handler.ts',
    description: "/api-keys: a tenant's API keys (API Gateway keys in the stage's usage plans), created, listed and revoked by its admins; /usage: the calling key's requests and its companies' invoices this month",
    access: [
      { kind: 'table', table: 'tenants', actions: ['GetItem'] },
      { kind: 'table', table: 'invoices', actions: ['Query'], index: INVOICE_INDEXES.byCompany },
      { kind: 'apiKeys' },
    ],
  },
  webhooks: {
    entry: 'tasks/webhooks/handler.ts',
    description: '/webhooks: a tenant\'s endpoints (signing secrets in Secrets Manager, shown once, rotated with a day of overlap), their deliveries, and replays (a new WebhookDeliveryWorkflow execution)',
    access: [
      { kind: 'table', table: 'tenants', actions: ['GetItem'] },
      // Query on the table: an endpoint's deliveries; on the lookup index: a company's endpoints, a delivery by id.
      { kind: 'table', table: 'webhooks', actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'] },
      { kind: 'table', table: 'webhooks', actions: ['Query'], index: WEBHOOKS_LOOKUP_INDEX.name },
      { kind: 'manageWebhookSecrets' },
      { kind: 'startWorkflow', workflow: 'webhookDelivery' },
    ],
  },
  orders: {
    entry: 'tasks/orders/handler.ts',
    description: '/products and /orders (seed 004): the stock, and orders recorded PENDING with their outbox event before OrderSagaWorkflow starts; an order\'s saga steps from its execution history',
    access: [
      { kind: 'table', table: 'tenants', actions: ['GetItem'] },
      { kind: 'table', table: 'requests', actions: ['GetItem', 'PutItem', 'UpdateItem'] },
      { kind: 'table', table: 'companies', actions: ['GetItem'] },
      // Products, new orders with their NotaFiscalCriada row, orders and their events: as nfse_orders_api.
      { kind: 'ordersDatabase', user: 'api' },
      { kind: 'municipalities' },
      { kind: 'pageTokens' },
      { kind: 'startWorkflow', workflow: 'orderSaga' },
      // Past the StartExecution quota the saga's start waits in StartQueue and POST /orders still answers 201.
      { kind: 'deferStarts' },
      // GET /orders/{id}: the saga's steps.
      { kind: 'describeExecutions', workflow: 'orderSaga' },
    ],
    timeoutSeconds: 30,
  },
  orderInvoice: {
    entry: 'tasks/orders/invoiceHandler.ts',
    description: "OrderSagaWorkflow's PrepareInvoice: the order's invoice, written once (id derived from the order) with its RPS number and XML, for EmissionWorkflow to issue",
    trigger: { kind: 'workflow', placeholder: 'OrderInvoiceFunctionArn', functionName: 'order-invoice' },
    access: [
      // GetItem: a retry finds the record; PutItem: the EMITTED record; UpdateItem: the RPS counter (ADD).
      { kind: 'table', table: 'invoices', actions: ['GetItem', 'PutItem', 'UpdateItem'] },
      { kind: 'table', table: 'companies', actions: ['GetItem'] },
      { kind: 'docs', actions: ['s3:PutObject'], prefixes: ['xml/'] },
      { kind: 'municipalities' },
      // The order it invoices (the tomador comes from its row): as nfse_order_invoice, SELECT only.
      { kind: 'ordersDatabase', user: 'invoice' },
      // Names the emission's execution in the record; the saga starts it.
      { kind: 'nameWorkflow', workflow: 'emission' },
    ],
    timeoutSeconds: 30,
  },
  certificates: {
    entry: 'tasks/certificates/handler.ts',
    description: "Daily: each company certificate's status, and CertificateExpiring (30/15/7/1 days left) / CertificateExpired once each on the event bus",
    trigger: { kind: 'schedule', everyMinutes: 24 * 60 },
    access: [
      // Scan: the companies with a certificate; GetItem and UpdateItem: the status and notices, conditional on the version read.
      { kind: 'table', table: 'companies', actions: ['Scan', 'GetItem', 'UpdateItem'] },
      { kind: 'publishEvents' },
    ],
    timeoutSeconds: 120,
  },
  metrics: {
    entry: 'tasks/metrics/handler.ts',
    description: 'Invoice events on the bus: InvoicesIssued/InvoicesFailed by municipality and by company, cancellations and substitutions by municipality, as EMF',
    trigger: { kind: 'invoiceEvents' },
    // Nothing but its own log group (the EMF lines) and X-Ray.
    access: [],
    timeoutSeconds: INVOICE_METRICS_TIMEOUT_SECONDS,
    memoryMb: 256,
  },
  processor: {
    entry: 'tasks/processor/handler.ts',
    description: 'RequestsDLQ: fails the live task of a dead-lettered request with Provider.DeadLettered',
    trigger: { kind: 'dlq' },
    access: [{ kind: 'taskTokens' }],
    timeoutSeconds: 30,
  },
  starter: {
    entry: 'tasks/starter/handler.ts',
    description: "StartQueue: starts the invoices' emissions and the orders' sagas whose StartExecution was throttled, as the quota refills",
    trigger: { kind: 'startQueue' },
    access: [
      { kind: 'startWorkflow', workflow: 'emission' },
      { kind: 'startWorkflow', workflow: 'orderSaga' },
      // A start still throttled goes back to the queue as a new message.
      { kind: 'deferStarts' },
    ],
    timeoutSeconds: 10,
  },
  sweeper: {
    entry: 'tasks/sweeper/handler.ts',
    description: 'Every 5 minutes: restarts EMITTED invoices that have no execution (the sparse awaitingStart index), and PENDING orders that have no saga',
    trigger: { kind: 'schedule', everyMinutes: 5 },
    access: [
      { kind: 'table', table: 'invoices', actions: ['Query', 'UpdateItem'], index: INVOICE_INDEXES.awaitingStart },
      { kind: 'startWorkflow', workflow: 'emission' },
      { kind: 'describeExecutions', workflow: 'emission' },
      // PENDING orders (a saga start that reached StartDLQ): read as the orders API's user, SELECT on faturamento.pedidos.
      { kind: 'ordersDatabase', user: 'api' },
      { kind: 'startWorkflow', workflow: 'orderSaga' },
      { kind: 'describeExecutions', workflow: 'orderSaga' },
    ],
    timeoutSeconds: 120,
  },
} as const satisfies Record<string, TaskSpec>;
export type TaskKey = keyof typeof TASK_SPECS;

// Every handler the route table names is a task of this catalog.
API_HANDLERS satisfies readonly TaskKey[];

/** True for the tasks that serve API routes. */
export function isApiHandler(key: TaskKey): key is ApiHandlerName & TaskKey {
  return (API_HANDLERS as readonly string[]).includes(key);
}

/** The tasks deployed: every handler in tasks/. */
export const DEPLOYED_TASKS: readonly TaskKey[] = [
  'ping',
  'emit',
  'get',
  'cancel',
  'list',
  'report',
  'ops',
  'companies',
  'municipalities',
  'apikeys',
  'webhooks',
  'orders',
  'orderInvoice',
  'processor',
  'starter',
  'sweeper',
  'certificates',
  'metrics',
  'billing',
  'billingUsage',
  'billingErp',
  'billingInvoice',
];
