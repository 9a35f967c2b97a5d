import { DEFAULT_BILLING_SCHEMA } from '../../contracts/billingSchemaSql';
import { DEFAULT_ORDERS_SCHEMAS, type OrdersSchemaNames } from '../../contracts/ordersSchemaNames';
import { ENV, type EnvName } from '../../contracts/wiring';
import { BILLING_WORKFLOWS, ORDER_WORKFLOWS, WEBHOOK_WORKFLOWS, WORKFLOWS } from '../../workflows/registry';

/** Options of {@link appResourceNames}. */
export interface AppNamesOptions {
  /** Prefix of every resource name (tests give each suite its own). @default 'nfse' */
  readonly prefix?: string;
  readonly endpoint: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /**
   * The webhook sender Lambda's name. Jest's shared cloud registers one for every suite (a suite
   * cannot register functions in the cloud's process). @default `{prefix}-webhook-sender`
   */
  readonly webhookSenderFunction?: string;
}

/**
 * The env vars that name a resource (the page-token key is a secret: startLocalApp sets it; the
 * local cloud has no KMS, so certificate secrets use Secrets Manager's own key; the municipality
 * registry is no resource: startLocalApp points it at the mock city; the no-grant help is a message,
 * which startLocalApp sets too).
 */
export type ResourceEnvName = Exclude<
  EnvName,
  | typeof ENV.PageTokenKey
  | typeof ENV.CertificateKmsKeyId
  | typeof ENV.WebhookKmsKeyId
  | typeof ENV.MunicipalitiesFile
  | typeof ENV.ProviderEndpoint
  | typeof ENV.NoGrantHelp
  // Billing's external systems and its configuration: startLocalApp points them at the mocks.
  | typeof ENV.UsageApiUrl
  | typeof ENV.ErpApiUrl
  | typeof ENV.BillingSecretArn
  | typeof ENV.BillingIssuerCnpj
>;

/** The names of the app's resources on the local cloud. */
export interface AppResourceNames {
  readonly prefix: string;
  readonly region: string;
  readonly accountId: string;
  readonly invoicesTable: string;
  readonly requestsTable: string;
  readonly tenantsTable: string;
  readonly companiesTable: string;
  /** The city limits every adapter shares (`CITY_LIMITS_TABLE`). */
  readonly cityLimitsTable: string;
  readonly docsBucket: string;
  readonly requestsQueue: string;
  readonly requestsDlq: string;
  readonly failuresQueue: string;
  /** Billing companies that failed past their retries (`BILLING_FAILURES_QUEUE_URL`). */
  readonly billingFailuresQueue: string;
  /** Where the billing schedules put a start the state machine refused. */
  readonly schedulesDlq: string;
  /** The billing Lambdas' names. */
  readonly billingFunctions: { readonly usage: string; readonly erp: string; readonly invoice: string };
  /** The Lambda OrderSagaWorkflow's PrepareInvoice calls. */
  readonly orderInvoiceFunction: string;
  /** Starts Step Functions throttled, waiting for the starter (`START_QUEUE_URL`). */
  readonly startQueue: string;
  /** Where a start still throttled after 10 receives goes (its invoice stays EMITTED for the sweeper). */
  readonly startDlq: string;
  readonly eventBus: string;
  /** Webhook endpoints and deliveries (`contracts/webhookRecords.ts`). */
  readonly webhooksTable: string;
  readonly webhookSenderFunction: string;
  /** The rule sending bus events to WebhookFanoutWorkflow. */
  readonly webhookRule: string;
  /** Every event of the bus, kept 90 days for replay. */
  readonly busArchive: string;
  /** Order events (`source: nfse-flow.orders`) for the sample consumer, its DLQ, and the rule that fills it. */
  readonly ordersEventsQueue: string;
  readonly ordersEventsDlq: string;
  readonly ordersEventsRule: string;
  /** The outbox relay (`tasks/outbox`) and the sample order-events consumer. */
  readonly outboxRelayFunction: string;
  readonly ordersConsumerFunction: string;
  /** The invoice metrics function (`tasks/metrics`) and the bus rule sending it every invoice event. */
  readonly invoiceMetricsFunction: string;
  readonly invoiceMetricsRule: string;
  readonly dbClusterArn: string;
  readonly dbSecretArn: string;
  readonly dbName: string;
  /** The billing tables' Postgres schema: `billing` for `nfse`, `billing_{prefix}` for any other app (jest's apps share one Postgres). */
  readonly billingSchema: string;
  /**
   * The orders saga's schemas (stock, and orders with their outbox): `estoque` and `faturamento` for
   * `nfse`, `estoque_{prefix}` and `faturamento_{prefix}` for any other app, so one app's outbox
   * relay never claims (nor waits behind) another app's rows.
   */
  readonly ordersSchemas: OrdersSchemaNames;
  /** The environment handlers, adapters and the CLI read. */
  readonly env: Readonly<Record<ResourceEnvName, string>>;
}

/** Names every resource from one prefix, and the env vars that point at them. */
export function appResourceNames(options: AppNamesOptions): AppResourceNames {
  const prefix = options.prefix ?? 'nfse';
  const account = options.accountId ?? '000000000000';
  const region = options.region ?? 'us-east-1';
  const queueUrl = (name: string): string => `${options.endpoint}/${account}/${name}`;
  const functionArn = (name: string): string => `arn:aws:lambda:${region}:${account}:function:${name}`;
  const names = {
    prefix,
    region,
    accountId: account,
    invoicesTable: `${prefix}-invoices`,
    requestsTable: `${prefix}-requests`,
    tenantsTable: `${prefix}-tenants`,
    companiesTable: `${prefix}-companies`,
    cityLimitsTable: `${prefix}-city-limits`,
    docsBucket: `${prefix}-docs`.toLowerCase(),
    requestsQueue: `${prefix}-requests`,
    requestsDlq: `${prefix}-requests-dlq`,
    failuresQueue: `${prefix}-failures`,
    billingFailuresQueue: `${prefix}-billing-failures`,
    schedulesDlq: `${prefix}-billing-schedules-dlq`,
    billingFunctions: { usage: `${prefix}-billing-usage`, erp: `${prefix}-billing-erp`, invoice: `${prefix}-billing-invoice` },
    orderInvoiceFunction: `${prefix}-order-invoice`,
    startQueue: `${prefix}-start`,
    startDlq: `${prefix}-start-dlq`,
    eventBus: `${prefix}-events`,
    webhooksTable: `${prefix}-webhooks`,
    webhookSenderFunction: options.webhookSenderFunction ?? `${prefix}-webhook-sender`,
    webhookRule: `${prefix}-webhooks`,
    busArchive: `${prefix}-archive`,
    ordersEventsQueue: `${prefix}-orders-events`,
    ordersEventsDlq: `${prefix}-orders-events-dlq`,
    ordersEventsRule: `${prefix}-orders-events`,
    outboxRelayFunction: `${prefix}-outbox-relay`,
    ordersConsumerFunction: `${prefix}-orders-consumer`,
    invoiceMetricsFunction: `${prefix}-invoice-metrics`,
    invoiceMetricsRule: `${prefix}-invoice-metrics`,
    dbClusterArn: `arn:aws:rds:${region}:${account}:cluster:${prefix}-reporting`,
    dbSecretArn: `arn:aws:secretsmanager:${region}:${account}:secret:${prefix}-reporting-db`,
    dbName: 'nfse',
    billingSchema: billingSchemaOf(prefix),
    ordersSchemas: ordersSchemasOf(prefix),
  };
  const env: Record<ResourceEnvName, string> = {
    [ENV.InvoicesTable]: names.invoicesTable,
    [ENV.RequestsTable]: names.requestsTable,
    [ENV.TenantsTable]: names.tenantsTable,
    [ENV.CompaniesTable]: names.companiesTable,
    [ENV.CityLimitsTable]: names.cityLimitsTable,
    [ENV.DocsBucket]: names.docsBucket,
    [ENV.RequestsQueueUrl]: queueUrl(names.requestsQueue),
    [ENV.RequestsDlqUrl]: queueUrl(names.requestsDlq),
    [ENV.FailuresQueueUrl]: queueUrl(names.failuresQueue),
    [ENV.StartQueueUrl]: queueUrl(names.startQueue),
    [ENV.EventBusName]: names.eventBus,
    [ENV.EmissionStateMachineArn]: `arn:aws:states:${region}:${account}:stateMachine:${prefix}-${WORKFLOWS.emission.name}`,
    [ENV.CancellationStateMachineArn]: `arn:aws:states:${region}:${account}:stateMachine:${prefix}-${WORKFLOWS.cancellation.name}`,
    [ENV.SubstitutionStateMachineArn]: `arn:aws:states:${region}:${account}:stateMachine:${prefix}-${WORKFLOWS.substitution.name}`,
    [ENV.BillingFailuresQueueUrl]: queueUrl(names.billingFailuresQueue),
    [ENV.BillingStateMachineArn]: `arn:aws:states:${region}:${account}:stateMachine:${prefix}-${BILLING_WORKFLOWS.billingCycle.name}`,
    [ENV.CnpjSyncStateMachineArn]: `arn:aws:states:${region}:${account}:stateMachine:${prefix}-${BILLING_WORKFLOWS.cnpjSync.name}`,
    [ENV.BillingUsageFunctionArn]: functionArn(names.billingFunctions.usage),
    [ENV.BillingErpFunctionArn]: functionArn(names.billingFunctions.erp),
    [ENV.BillingInvoiceFunctionArn]: functionArn(names.billingFunctions.invoice),
    [ENV.OrderSagaStateMachineArn]: `arn:aws:states:${region}:${account}:stateMachine:${prefix}-${ORDER_WORKFLOWS.orderSaga.name}`,
    [ENV.OrderInvoiceFunctionArn]: functionArn(names.orderInvoiceFunction),
    [ENV.DbClusterArn]: names.dbClusterArn,
    [ENV.DbSecretArn]: names.dbSecretArn,
    [ENV.DbName]: names.dbName,
    [ENV.BillingSchema]: names.billingSchema,
    [ENV.StockSchema]: names.ordersSchemas.stock,
    [ENV.OrdersSchema]: names.ordersSchemas.orders,
    [ENV.WebhooksTable]: names.webhooksTable,
    [ENV.WebhookSenderFunctionArn]: `arn:aws:lambda:${region}:${account}:function:${names.webhookSenderFunction}`,
    [ENV.WebhookDeliveryStateMachineArn]: `arn:aws:states:${region}:${account}:stateMachine:${prefix}-${WEBHOOK_WORKFLOWS.webhookDelivery.name}`,
    [ENV.WebhookSecretPrefix]: prefix,
    // `nfse/companies/{cnpj}/certificate`: each app on a shared cloud (a test suite) has its own secrets.
    [ENV.CertificateSecretPrefix]: prefix,
    // `{prefix}-starter`, ...: startLocalApp creates them on the cloud's API Gateway, as the CDK app does in AWS.
    [ENV.UsagePlanPrefix]: prefix,
    [ENV.OutboxRelayFunctionArn]: functionArn(`${prefix}-outbox-relay`),
  };
  return { ...names, env };
}

/** `billing` for the default app; otherwise the prefix as a Postgres identifier, so apps sharing a database never share a month. */
function billingSchemaOf(prefix: string): string {
  if (prefix === 'nfse') return DEFAULT_BILLING_SCHEMA;
  return schemaOf(DEFAULT_BILLING_SCHEMA, prefix);
}

/** `estoque` and `faturamento` for the default app; otherwise each suffixed with the prefix, as billing's. */
function ordersSchemasOf(prefix: string): OrdersSchemaNames {
  if (prefix === 'nfse') return DEFAULT_ORDERS_SCHEMAS;
  return { stock: schemaOf(DEFAULT_ORDERS_SCHEMAS.stock, prefix), orders: schemaOf(DEFAULT_ORDERS_SCHEMAS.orders, prefix) };
}

/** `{base}_{prefix}` as a Postgres identifier (at most 63 characters). */
function schemaOf(base: string, prefix: string): string {
  return `${base}_${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}
