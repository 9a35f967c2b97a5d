import { z } from 'zod';

/** How a price was obtained: read on the AWS page, read in a secondary source citing it, or estimated. */
export const PRICE_BASES = ['aws-page', 'secondary-source', 'estimate'] as const;

/** One list price: `usd` for every `per` units of `unit`. */
export const PriceSchema = z.strictObject({
  usd: z.number().nonnegative(),
  per: z.number().positive(),
  unit: z.string().min(1),
  source: z.url(),
  /** The day the figure was read (YYYY-MM-DD). */
  read: z.iso.date(),
  basis: z.enum(PRICE_BASES),
  note: z.string().optional(),
});
export type Price = z.infer<typeof PriceSchema>;

/** The prices the cost model uses; every architecture line is priced from these. */
export const PRICE_KEYS = [
  'stepFunctionsStandardTransition',
  'stepFunctionsExpressRequest',
  'stepFunctionsExpressGbSecond',
  'lambdaRequest',
  'lambdaArmGbSecond',
  'apiGatewayRestRequest',
  'sqsRequest',
  'dynamoDbWriteRequestUnit',
  'dynamoDbReadRequestUnit',
  'auroraServerlessV2AcuHour',
  'dataApiRequest',
  'eventBridgeEvent',
  's3PutRequest',
  's3GetRequest',
  's3StorageGbMonth',
  'cloudWatchLogsIngestGb',
  'fargateArmVcpuHour',
  'fargateArmGbHour',
  'natGatewayHour',
  'natGatewayGb',
  'albHour',
  'albLcuHour',
  'rdsT4gMicroHour',
  'rdsProxyVcpuHour',
  'amazonMqT3MicroHour',
] as const;
export type PriceKey = (typeof PRICE_KEYS)[number];

/** A region's dated price table (`docs/prices/{region}.json`). */
export const PriceTableSchema = z.strictObject({
  region: z.string().min(1),
  currency: z.literal('USD'),
  prices: z.strictObject(Object.fromEntries(PRICE_KEYS.map((key) => [key, PriceSchema])) as Record<PriceKey, typeof PriceSchema>),
});
export type PriceTable = z.infer<typeof PriceTableSchema>;

/** A Step Functions workflow type, as CreateStateMachine names it. */
export const WORKFLOW_TYPES = ['STANDARD', 'EXPRESS'] as const;
export type WorkflowType = (typeof WORKFLOW_TYPES)[number];

/**
 * What the webhook fan-out (WebhookFanoutWorkflow, started by the bus rule for every event a
 * webhook type is made from) costs per invoice, apart from the emission: measured from its own
 * executions' histories. Its DynamoDB Query and the StartExecution the bus rule makes are counted
 * here, not in the emission's figures.
 */
export const FanoutUsageSchema = z.strictObject({
  /** The type the fan-out ran as when measured (Standard bills transitions, Express requests and GB-seconds). */
  type: z.enum(WORKFLOW_TYPES),
  /** Fan-out executions per invoice (one per bus event of the invoice). */
  executions: z.number().nonnegative(),
  /** States entered per invoice, retries included (what Standard bills). */
  stateTransitions: z.number().nonnegative(),
  historyEvents: z.number().nonnegative(),
  /** Bytes of its history events as CloudWatch Logs gets them at level ALL without execution data. */
  stepFunctionsLogBytes: z.number().nonnegative(),
  /** DynamoDB Query calls per invoice (the company's endpoints). */
  dynamoDbQueries: z.number().nonnegative(),
  /** One execution's duration as Express bills it (each rounded up to 100 ms), mean, ms. */
  billedMsPerExecution: z.number().nonnegative(),
});
export type FanoutUsage = z.infer<typeof FanoutUsageSchema>;

/** What one invoice costs in requests, time and bytes, measured in real local executions. */
export const PerInvoiceUsageSchema = z.strictObject({
  /** REST API requests (POST /invoices). */
  apiRequests: z.number().nonnegative(),
  lambdaInvocations: z.number().nonnegative(),
  /** Handler duration, ms: the 10th percentile of POST wall times measured one at a time (gateway included; local calls are in-process). */
  lambdaMs: z.number().nonnegative(),
  /** States entered, from the execution histories (what Standard bills, retries apart). */
  stateTransitions: z.number().nonnegative(),
  /** Task retries, from the histories (billed as transitions too). */
  retryTransitions: z.number().nonnegative(),
  historyEvents: z.number().nonnegative(),
  /** Bytes of the history events as CloudWatch Logs would get them at level ALL without execution data. */
  stepFunctionsLogBytes: z.number().nonnegative(),
  /** Step Functions API calls (StartExecution, SendTask*), which quotas throttle. */
  stepFunctionsApiRequests: z.number().nonnegative(),
  sqsRequests: z.number().nonnegative(),
  sqsBytes: z.number().nonnegative(),
  dynamoDbReads: z.number().nonnegative(),
  dynamoDbWrites: z.number().nonnegative(),
  /** The invoice record's size, bytes (its JSON length): sets the write units per write. */
  invoiceItemBytes: z.number().nonnegative(),
  dataApiRequests: z.number().nonnegative(),
  eventBridgeEvents: z.number().nonnegative(),
  s3Puts: z.number().nonnegative(),
  s3Gets: z.number().nonnegative(),
  s3BytesPut: z.number().nonnegative(),
  /** Bytes the adapters move through the NAT gateway: SQS and Step Functions task calls, and the city's SOAP (approximated by the XML stored). */
  natBytes: z.number().nonnegative(),
  /** The webhook fan-out the invoice's bus events start (the fields above are the emission's alone). */
  webhookFanout: FanoutUsageSchema,
});
export type PerInvoiceUsage = z.infer<typeof PerInvoiceUsageSchema>;

/** One scenario of a measuring run: a city behaving so, and what an invoice cost in it. */
export const MeasuredScenarioSchema = z.strictObject({
  description: z.string(),
  invoices: z.number().int().positive(),
  issued: z.number().int().nonnegative(),
  perInvoice: PerInvoiceUsageSchema,
});
export type MeasuredScenario = z.infer<typeof MeasuredScenarioSchema>;

/** The cached measurement `npm run cost` prices (`docs/cost/measured-profile.json`). */
export const CostProfileSchema = z.strictObject({
  measuredAt: z.iso.datetime(),
  method: z.string(),
  scenarios: z.strictObject({ clean: MeasuredScenarioSchema, transientErrors: MeasuredScenarioSchema }),
});
export type CostProfile = z.infer<typeof CostProfileSchema>;
