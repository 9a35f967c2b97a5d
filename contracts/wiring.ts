/**
 * One set of names, everywhere: the environment variables handlers, the adapter and the CLI read,
 * and the `${Placeholder}`s of the workflows (CDK `definitionSubstitutions` in AWS, the local
 * cloud locally).
 */
export const ENV = {
  InvoicesTable: 'INVOICES_TABLE',
  RequestsTable: 'REQUESTS_TABLE',
  TenantsTable: 'TENANTS_TABLE',
  /** The companies (prestadores), PK `cnpj`. */
  CompaniesTable: 'COMPANIES_TABLE',
  /**
   * The concurrency and rate slots every adapter task shares, per city (`contracts/cityLimits.ts`),
   * and the cities' call health the adapters report there (`contracts/municipalityHealth.ts`).
   */
  CityLimitsTable: 'CITY_LIMITS_TABLE',
  /** The municipality registry (`contracts/municipality.ts`): a JSON file the adapters and the API read; unset, the built-in list. */
  MunicipalitiesFile: 'MUNICIPALITIES_FILE',
  /** The base URL of the built-in list's city systems (`{base}/{IBGE code}`), when no registry file is given. */
  ProviderEndpoint: 'PROVIDER_ENDPOINT',
  DocsBucket: 'DOCS_BUCKET',
  RequestsQueueUrl: 'REQUESTS_QUEUE_URL',
  RequestsDlqUrl: 'REQUESTS_DLQ_URL',
  FailuresQueueUrl: 'FAILURES_QUEUE_URL',
  /**
   * EMITTED invoices whose StartExecution Step Functions throttled (body: the workflow's input,
   * `EmissionInputSchema`); the starter Lambda starts them as the quota refills.
   */
  StartQueueUrl: 'START_QUEUE_URL',
  EventBusName: 'EVENT_BUS_NAME',
  EmissionStateMachineArn: 'EMISSION_STATE_MACHINE_ARN',
  CancellationStateMachineArn: 'CANCELLATION_STATE_MACHINE_ARN',
  SubstitutionStateMachineArn: 'SUBSTITUTION_STATE_MACHINE_ARN',
  DbClusterArn: 'DB_CLUSTER_ARN',
  DbSecretArn: 'DB_SECRET_ARN',
  DbName: 'DB_NAME',
  /** The HMAC key of the API's `nextToken`s: a Secrets Manager secret in AWS, a key in the auth directory locally. */
  PageTokenKey: 'PAGE_TOKEN_KEY',
  /** Prefix of the companies' certificate secrets (`{prefix}/companies/{cnpj}/certificate`): the stage's in AWS, the app's locally. */
  CertificateSecretPrefix: 'CERTIFICATE_SECRET_PREFIX',
  /** The KMS key new certificate secrets are encrypted with (AWS only; unset locally, where there is no KMS). */
  CertificateKmsKeyId: 'CERTIFICATE_KMS_KEY_ID',
  /**
   * What a caller with no grant is told to do, `{principal}` standing for theirs (unset in AWS:
   * "ask an administrator for access"; locally, the `nfse token` line that grants it).
   */
  NoGrantHelp: 'NO_GRANT_HELP',
  /** Billing: companies that failed past their retries, for ops (the seed's `omie-integration-dlq`). */
  BillingFailuresQueueUrl: 'BILLING_FAILURES_QUEUE_URL',
  BillingStateMachineArn: 'BILLING_STATE_MACHINE_ARN',
  CnpjSyncStateMachineArn: 'CNPJ_SYNC_STATE_MACHINE_ARN',
  /** The Lambdas BillingCycleWorkflow calls: the usage platform's client, the ERP's, the invoice's preparation. */
  BillingUsageFunctionArn: 'BILLING_USAGE_FUNCTION_ARN',
  BillingErpFunctionArn: 'BILLING_ERP_FUNCTION_ARN',
  BillingInvoiceFunctionArn: 'BILLING_INVOICE_FUNCTION_ARN',
  /** The usage platform's and the ERP's base URLs (configuration, not secrets). */
  UsageApiUrl: 'USAGE_API_URL',
  ErpApiUrl: 'ERP_API_URL',
  /**
   * The secret holding both systems' credentials, JSON `{usageToken, erpAppKey, erpAppSecret}`
   * (`contracts/billingConfig.ts`); unset locally, where they come from the environment instead.
   */
  BillingSecretArn: 'BILLING_SECRET_ARN',
  /** The company (prestador) that issues the usage invoices: its record and default service are the invoice's. */
  BillingIssuerCnpj: 'BILLING_ISSUER_CNPJ',
  /** The Postgres schema of the billing tables (`billing`; each app on a shared test database its own). */
  BillingSchema: 'BILLING_SCHEMA',
  /** The orders saga's Postgres schemas (`estoque`, `faturamento`; each app on a shared test database its own pair). */
  StockSchema: 'STOCK_SCHEMA',
  OrdersSchema: 'ORDERS_SCHEMA',
  /** The usage plans of `contracts/usagePlans.ts` are API Gateway's `{prefix}-{plan}` (`nfse-{stage}-starter`). */
  UsagePlanPrefix: 'USAGE_PLAN_PREFIX',
  /** Webhook endpoints and their deliveries (`contracts/webhookRecords.ts`): PK `pk`, SK `sk`, GSI `lookup`. */
  WebhooksTable: 'WEBHOOKS_TABLE',
  /** The Lambda that POSTs one delivery (`tasks/webhooks/sender`). */
  WebhookSenderFunctionArn: 'WEBHOOK_SENDER_FUNCTION_ARN',
  /** Started by the fan-out per (event, endpoint), and by a replay. */
  WebhookDeliveryStateMachineArn: 'WEBHOOK_DELIVERY_STATE_MACHINE_ARN',
  /** Prefix of the endpoints' signing secrets (`{prefix}/webhooks/{id}/signing-secret`). */
  WebhookSecretPrefix: 'WEBHOOK_SECRET_PREFIX',
  /** The KMS key new signing secrets are encrypted with (AWS only; unset locally). */
  WebhookKmsKeyId: 'WEBHOOK_KMS_KEY_ID',
  /** The transactional outbox's relay (`tasks/outbox`), which writers nudge with an async invoke after inserting rows. */
  OutboxRelayFunctionArn: 'OUTBOX_RELAY_FUNCTION_ARN',
  /** OrderSagaWorkflow (seed 004), started by `POST /orders`, one execution per order named after it. */
  OrderSagaStateMachineArn: 'ORDER_SAGA_STATE_MACHINE_ARN',
  /** The Lambda the saga's PrepareInvoice calls (`tasks/orders/invoiceHandler.ts`). */
  OrderInvoiceFunctionArn: 'ORDER_INVOICE_FUNCTION_ARN',
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];

/**
 * The env var that carries each workflow's ARN to the tasks that start, list or read it, by the
 * workflow's key in `workflows/registry.ts`: the CDK app sets it for every task whose access names
 * the workflow, the local cloud for all.
 */
export const WORKFLOW_ARN_ENV = {
  emission: ENV.EmissionStateMachineArn,
  cancellation: ENV.CancellationStateMachineArn,
  substitution: ENV.SubstitutionStateMachineArn,
  webhookDelivery: ENV.WebhookDeliveryStateMachineArn,
  orderSaga: ENV.OrderSagaStateMachineArn,
  billingCycle: ENV.BillingStateMachineArn,
  cnpjSync: ENV.CnpjSyncStateMachineArn,
} as const satisfies Record<string, EnvName>;

/** Placeholders in the workflow definitions, and the env var each one mirrors. */
export const PLACEHOLDERS = {
  InvoicesTable: ENV.InvoicesTable,
  DocsBucket: ENV.DocsBucket,
  RequestsQueueUrl: ENV.RequestsQueueUrl,
  FailuresQueueUrl: ENV.FailuresQueueUrl,
  EventBusName: ENV.EventBusName,
  DbClusterArn: ENV.DbClusterArn,
  DbSecretArn: ENV.DbSecretArn,
  DbName: ENV.DbName,
} as const satisfies Partial<Record<keyof typeof ENV, EnvName>>;
export type PlaceholderName = keyof typeof PLACEHOLDERS;

/**
 * The placeholders only the billing workflows use: a set of their own until the CDK app deploys
 * them (its WorkflowsStack fills PLACEHOLDERS for every workflow of `WORKFLOWS`).
 */
export const BILLING_PLACEHOLDERS = {
  EmissionStateMachineArn: ENV.EmissionStateMachineArn,
  BillingFailuresQueueUrl: ENV.BillingFailuresQueueUrl,
  BillingUsageFunctionArn: ENV.BillingUsageFunctionArn,
  BillingErpFunctionArn: ENV.BillingErpFunctionArn,
  BillingInvoiceFunctionArn: ENV.BillingInvoiceFunctionArn,
  DbClusterArn: ENV.DbClusterArn,
  DbSecretArn: ENV.DbSecretArn,
  DbName: ENV.DbName,
  BillingSchema: ENV.BillingSchema,
} as const satisfies Partial<Record<keyof typeof ENV, EnvName>>;
export type BillingPlaceholderName = keyof typeof BILLING_PLACEHOLDERS;

/** Placeholders only the webhook workflows name (the bus is shared with {@link PLACEHOLDERS}). */
export const WEBHOOK_PLACEHOLDERS = {
  WebhooksTable: ENV.WebhooksTable,
  WebhookSenderFunctionArn: ENV.WebhookSenderFunctionArn,
  WebhookDeliveryStateMachineArn: ENV.WebhookDeliveryStateMachineArn,
  EventBusName: ENV.EventBusName,
} as const satisfies Partial<Record<keyof typeof ENV, EnvName>>;
export type WebhookPlaceholderName = keyof typeof WEBHOOK_PLACEHOLDERS;

/** Placeholders of the workflows that write to the outbox (the orders saga's `NudgeRelay`). */
export const OUTBOX_PLACEHOLDERS = {
  OutboxRelayFunctionArn: ENV.OutboxRelayFunctionArn,
} as const satisfies Partial<Record<keyof typeof ENV, EnvName>>;
export type OutboxPlaceholderName = keyof typeof OUTBOX_PLACEHOLDERS;

/** Placeholders of OrderSagaWorkflow: Aurora (stock, orders, outbox), its invoice Lambda, EmissionWorkflow and the outbox relay it nudges. */
export const ORDER_PLACEHOLDERS = {
  EmissionStateMachineArn: ENV.EmissionStateMachineArn,
  OrderInvoiceFunctionArn: ENV.OrderInvoiceFunctionArn,
  OutboxRelayFunctionArn: ENV.OutboxRelayFunctionArn,
  DbClusterArn: ENV.DbClusterArn,
  DbSecretArn: ENV.DbSecretArn,
  DbName: ENV.DbName,
  StockSchema: ENV.StockSchema,
  OrdersSchema: ENV.OrdersSchema,
} as const satisfies Partial<Record<keyof typeof ENV, EnvName>>;
export type OrderPlaceholderName = keyof typeof ORDER_PLACEHOLDERS;

/** The values of the placeholders, read from an environment; names the missing ones. @default the invoice and webhook workflows' */
export function substitutionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  placeholders: Readonly<Partial<Record<PlaceholderName | WebhookPlaceholderName | BillingPlaceholderName | OrderPlaceholderName | OutboxPlaceholderName, EnvName>>> = { ...PLACEHOLDERS, ...WEBHOOK_PLACEHOLDERS },
): Record<string, string> {
  const missing: string[] = [];
  const values: Record<string, string> = {};
  for (const [placeholder, envName] of Object.entries(placeholders) as Array<[string, EnvName]>) {
    const value = env[envName];
    if (value === undefined || value === '') missing.push(envName);
    else values[placeholder] = value;
  }
  if (missing.length > 0) throw new Error(`missing environment variables: ${missing.join(', ')}`);
  return values;
}
