import { CreateTableCommand, DynamoDBClient, ResourceInUseException, UpdateTimeToLiveCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand, ResourceAlreadyExistsException } from '@aws-sdk/client-eventbridge';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { BucketAlreadyOwnedByYou, CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, DeleteStateMachineCommand, DescribeStateMachineCommand, SFNClient, StateMachineAlreadyExists, UpdateStateMachineCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CITY_LIMITS_TABLE_KEY, CITY_LIMITS_TTL_ATTRIBUTE } from '../../contracts/cityLimits';
import { billingSchemaSql } from '../../contracts/billingSchemaSql';
import { INVOICES_SCHEMA_SQL, splitSqlStatements } from '../../contracts/invoicesSchemaSql';
import { ordersSchemaSql } from '../../contracts/ordersSchemaSql';
import { outboxSchemaSql } from '../../contracts/outboxSchemaSql';
import { orderEventLogSchemaSql } from '../../contracts/orderEventLogSchemaSql';
import { BILLING_PLACEHOLDERS, ORDER_PLACEHOLDERS, substitutionsFromEnv } from '../../contracts/wiring';
import { substitutePlaceholders } from '../../workflows/asl/placeholders';
import { ALL_WORKFLOWS, BILLING_WORKFLOWS, ORDER_WORKFLOWS, WEBHOOK_WORKFLOWS, renderDefinition, type WorkflowSpec } from '../../workflows/registry';
import { WEBHOOK_EVENT_ROUTES } from '../../contracts/webhookEvents';
import { WEBHOOKS_LOOKUP_INDEX, WEBHOOKS_TABLE_KEY } from '../../contracts/webhookRecords';
import { createBillingSchedules } from './billingSchedules';
import { appResourceNames, type AppNamesOptions, type AppResourceNames } from './appResourceNames';
import { applySchemaMigration } from './applySchemaMigration';
import { invoicesTableDefinition } from './invoicesTableDefinition';
import { routeOrderEvents } from './routeOrderEvents';

/** Options of {@link bootstrapApp}. */
export interface BootstrapOptions extends AppNamesOptions {
  /** SQS visibility timeout of the requests queue (the adapter extends it while working). @default 60 */
  readonly visibilityTimeoutSeconds?: number;
  /** Receives before a request message goes to the DLQ. @default 5 */
  readonly maxReceiveCount?: number;
  /**
   * Create the daily billing and weekly CNPJ sync schedules on the cloud's Scheduler (`npm start`
   * does, unless `--no-schedules`; test apps do not, or a scaled clock would bill behind their backs).
   * @default false
   */
  readonly schedules?: boolean;
}

/** How long a start the starter found throttled waits before it tries again (the CDK app's value). */
export const START_QUEUE_VISIBILITY_SECONDS = 60;

const STATES_ROLE = 'arn:aws:iam::000000000000:role/nfse-states';

/**
 * Creates the app's resources on the local cloud, idempotently: tables, bucket, queues (with the
 * DLQ redrive), event bus, the `nfse.invoices` schema and the state machines (placeholders
 * filled from the same names the env vars carry). Returns the names and env vars.
 */
export async function bootstrapApp(options: BootstrapOptions): Promise<AppResourceNames> {
  const names = appResourceNames(options);
  const config = { endpoint: options.endpoint, region: options.region ?? 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  await Promise.all([createTables(new DynamoDBClient(config), names), createBucket(new S3Client(config), names.docsBucket), createQueues(new SQSClient(config), names, options), createBus(new EventBridgeClient(config), names.eventBus)]);
  await applySchema(new RDSDataClient(config), names);
  await createStateMachines(new SFNClient(config), names);
  await routeEventsToWebhooks(new EventBridgeClient(config), names);
  await routeOrderEvents({ events: new EventBridgeClient(config), sqs: new SQSClient(config) }, names);
  if (options.schedules === true) await createBillingSchedules(new SchedulerClient(config), new SQSClient(config), names);
  return names;
}

async function createTables(ddb: DynamoDBClient, names: AppResourceNames): Promise<void> {
  const tables: CreateTableCommandInput[] = [
    invoicesTableDefinition(names.invoicesTable),
    { TableName: names.requestsTable, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'requestKey', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'requestKey', KeyType: 'HASH' }] },
    { TableName: names.tenantsTable, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'principal', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'principal', KeyType: 'HASH' }] },
    { TableName: names.companiesTable, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'cnpj', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'cnpj', KeyType: 'HASH' }] },
    cityLimitsTableDefinition(names.cityLimitsTable),
    webhooksTableDefinition(names.webhooksTable),
  ];
  await Promise.all(
    tables.map(async (table) => {
      try {
        await ddb.send(new CreateTableCommand(table));
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
    }),
  );
  await enableTimeToLive(ddb, names.requestsTable, 'expiresAt');
  await enableTimeToLive(ddb, names.cityLimitsTable, CITY_LIMITS_TTL_ATTRIBUTE);
}

/** The city limits table as the CDK app's DataStack defines it (PK `city`, SK `slot`; its TTL is enabled apart). */
export function cityLimitsTableDefinition(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey } = CITY_LIMITS_TABLE_KEY;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: partitionKey, AttributeType: 'S' },
      { AttributeName: sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
  };
}

/** The webhooks table as `contracts/webhookRecords.ts` designs it: `pk`/`sk` and the `lookup` index. */
export function webhooksTableDefinition(tableName: string): CreateTableCommandInput {
  const index = WEBHOOKS_LOOKUP_INDEX;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [WEBHOOKS_TABLE_KEY.partitionKey, WEBHOOKS_TABLE_KEY.sortKey, index.partitionKey, index.sortKey].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: WEBHOOKS_TABLE_KEY.partitionKey, KeyType: 'HASH' },
      { AttributeName: WEBHOOKS_TABLE_KEY.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/**
 * The bus rule whose target starts WebhookFanoutWorkflow with the event as its input, for every
 * source and detail type a webhook type comes from.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html
 */
async function routeEventsToWebhooks(events: EventBridgeClient, names: AppResourceNames): Promise<void> {
  const pattern = { source: [...new Set(WEBHOOK_EVENT_ROUTES.map((route) => route.source))], 'detail-type': WEBHOOK_EVENT_ROUTES.map((route) => route.detailType) };
  await events.send(new PutRuleCommand({ Name: names.webhookRule, EventBusName: names.eventBus, EventPattern: JSON.stringify(pattern), State: 'ENABLED' }));
  const fanoutArn = `arn:aws:states:${names.region}:${names.accountId}:stateMachine:${names.prefix}-${WEBHOOK_WORKFLOWS.webhookFanout.name}`;
  await events.send(new PutTargetsCommand({ Rule: names.webhookRule, EventBusName: names.eventBus, Targets: [{ Id: 'webhook-fanout', Arn: fanoutArn, RoleArn: STATES_ROLE }] }));
}

async function enableTimeToLive(ddb: DynamoDBClient, table: string, attribute: string): Promise<void> {
  await ddb.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { AttributeName: attribute, Enabled: true } })).catch((error: unknown) => {
    // Enabling TTL twice is refused: it is on, which is what we want.
    if (!(error instanceof Error && /already enabled|TimeToLive is already/i.test(error.message))) throw error;
  });
}

async function createBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (!(error instanceof BucketAlreadyOwnedByYou) && !(error instanceof Error && error.name === 'BucketAlreadyExists')) throw error;
  }
}

async function createQueues(sqs: SQSClient, names: AppResourceNames, options: BootstrapOptions): Promise<void> {
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: names.requestsDlq, Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }));
  const dlqArn = `arn:aws:sqs:${options.region ?? 'us-east-1'}:${options.accountId ?? '000000000000'}:${names.requestsDlq}`;
  if (dlq.QueueUrl === undefined) throw new Error(`could not create ${names.requestsDlq}`);
  await sqs.send(
    new CreateQueueCommand({
      QueueName: names.requestsQueue,
      Attributes: {
        VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 60),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: options.maxReceiveCount ?? 5 }),
      },
    }),
  );
  await sqs.send(new CreateQueueCommand({ QueueName: names.failuresQueue, Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }));
  await sqs.send(new CreateQueueCommand({ QueueName: names.billingFailuresQueue, Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }));
  // As in AWS (MessagingStack): a throttled start comes back after the visibility timeout, and
  // leaves after 10 receives (the sweeper then starts its EMITTED invoice).
  await sqs.send(new CreateQueueCommand({ QueueName: names.startDlq, Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }));
  const startDlqArn = `arn:aws:sqs:${options.region ?? 'us-east-1'}:${options.accountId ?? '000000000000'}:${names.startDlq}`;
  await sqs.send(
    new CreateQueueCommand({
      QueueName: names.startQueue,
      Attributes: { VisibilityTimeout: String(START_QUEUE_VISIBILITY_SECONDS), RedrivePolicy: JSON.stringify({ deadLetterTargetArn: startDlqArn, maxReceiveCount: 10 }) },
    }),
  );
}

async function createBus(events: EventBridgeClient, bus: string): Promise<void> {
  try {
    await events.send(new CreateEventBusCommand({ Name: bus }));
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
}

/** The app's statements: `nfse.invoices` (every app's), and its own billing and orders schemas. */
export function appSchemaStatements(names: AppResourceNames): string[] {
  const orders = names.ordersSchemas.orders;
  return [
    ...splitSqlStatements(INVOICES_SCHEMA_SQL),
    ...splitSqlStatements(billingSchemaSql(names.billingSchema)),
    ...splitSqlStatements(outboxSchemaSql(orders)),
    ...splitSqlStatements(orderEventLogSchemaSql(orders)),
    ...splitSqlStatements(ordersSchemaSql(names.ordersSchemas)),
  ];
}

async function applySchema(rds: RDSDataClient, names: AppResourceNames): Promise<void> {
  await applySchemaMigration({ rds, clusterArn: names.dbClusterArn, secretArn: names.dbSecretArn, database: names.dbName }, appSchemaStatements(names));
}

async function createStateMachines(sfn: SFNClient, names: AppResourceNames): Promise<void> {
  const core = substitutionsFromEnv(names.env);
  const billing = substitutionsFromEnv(names.env, BILLING_PLACEHOLDERS);
  const orders = substitutionsFromEnv(names.env, ORDER_PLACEHOLDERS);
  const specs: Array<[WorkflowSpec, Record<string, string>]> = [
    ...Object.values(ALL_WORKFLOWS).map((spec): [WorkflowSpec, Record<string, string>] => [spec, core]),
    ...Object.values(BILLING_WORKFLOWS).map((spec): [WorkflowSpec, Record<string, string>] => [spec, billing]),
    ...Object.values(ORDER_WORKFLOWS).map((spec): [WorkflowSpec, Record<string, string>] => [spec, orders]),
  ];
  for (const [spec, substitutions] of specs) {
    const name = `${names.prefix}-${spec.name}`;
    const definition = substitutePlaceholders(renderDefinition(spec.definition()), substitutions);
    try {
      await sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: STATES_ROLE, type: spec.type }));
    } catch (error) {
      if (!(error instanceof StateMachineAlreadyExists)) throw error;
      const stateMachineArn = `arn:aws:states:${names.region}:${names.accountId}:stateMachine:${name}`;
      // A data directory from before a machine changed type: UpdateStateMachine cannot change it, so create it again.
      if ((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).type !== spec.type) {
        await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
        await sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: STATES_ROLE, type: spec.type }));
      } else {
        await sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition }));
      }
    }
  }
}
