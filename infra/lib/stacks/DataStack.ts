import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { acknowledge } from '../nag/acknowledge';
import type { Construct } from 'constructs';
import { INVOICES_SCHEMA_SQL, REPORTING_GRANTS_SQL, REPORTING_ROLES, splitSqlStatements } from '../../../contracts/invoicesSchemaSql';
import { OUTBOX_SCHEMA_SQL } from '../../../contracts/outboxSchemaSql';
import { ORDER_EVENT_LOG_SCHEMA_SQL, OUTBOX_GRANTS_SQL, OUTBOX_ROLES } from '../../../contracts/orderEventLogSchemaSql';
import { ORDERS_GRANTS_SQL, ORDERS_ROLES } from '../../../contracts/ordersGrantsSql';
import { ORDERS_SCHEMA_SQL } from '../../../contracts/ordersSchemaSql';
import { BILLING_GRANTS_SQL, BILLING_ROLES, BILLING_SCHEMA_SQL } from '../../../contracts/billingSchemaSql';
import { WEBHOOKS_LOOKUP_INDEX, WEBHOOKS_TABLE_KEY } from '../../../contracts/webhookRecords';
import { CITY_LIMITS_TABLE_KEY, CITY_LIMITS_TTL_ATTRIBUTE } from '../../../contracts/cityLimits';
import { SchemaMigration } from '../constructs/SchemaMigration';
import { certificateSecretName } from '../../../contracts/certificateSecret';
import { certificateSecretPrefix, docsBucketName } from '../naming';
import { INVOICE_INDEXES } from '../../../contracts/invoiceRecord';
import { logsBucket } from '../constructs/logsBucket';

/** Name of the invoices table's GSI for listing by company and date (as the local bootstrap creates it). */
/** The reporting database (`DB_NAME`). */
export const DB_NAME = 'nfse';

/** Options of {@link DataStack}. */
export interface DataStackProps extends StackProps {
  readonly stage: string;
  readonly vpc: ec2.IVpc;
  /** Allowed to reach Aurora on its port (psql through Session Manager). */
  readonly bastion: ec2.IConnectable;
  /** Keep the data stores on destroy (a snapshot of Aurora) and 35 days of Aurora backups. */
  readonly retainData: boolean;
  /** Deletion protection on the cluster and the tables (the documents bucket is always retained). */
  readonly deletionProtection: boolean;
  /** How long CloudWatch Logs keeps the cluster's exported PostgreSQL log. */
  readonly dbLogRetention: logs.RetentionDays;
  /** @default 90 */
  readonly docsGlacierAfterDays?: number;
  /** @default 5 */
  readonly docsRetentionYears?: number;
}

/**
 * Where invoices live: the DynamoDB tables, the documents bucket (legal XML kept 5+ years, still
 * downloadable from Glacier Instant Retrieval), Aurora Serverless v2 for reports (Data API on, its
 * schema applied from contracts/ by a custom resource) and the KMS key of the companies' A1
 * certificate secrets (the secrets themselves are written by the companies API, one per company).
 */
export class DataStack extends Stack {
  public readonly dataKey: kms.Key;
  public readonly invoicesTable: dynamodb.Table;
  public readonly requestsTable: dynamodb.Table;
  public readonly tenantsTable: dynamodb.Table;
  /** The companies (prestadores), by CNPJ: the data every RPS and DPS declares about its issuer. */
  public readonly companiesTable: dynamodb.Table;
  /** Every city's concurrency and rate slots, shared by all adapter tasks (`contracts/cityLimits.ts`). */
  public readonly cityLimitsTable: dynamodb.Table;
  public readonly docsBucket: s3.Bucket;
  public readonly cluster: rds.DatabaseCluster;
  /** The master user's secret: only the schema migration signs in with it. */
  public readonly dbSecret: secretsmanager.ISecret;
  /** The workflows' Data API user (`nfse_report_writer`: SELECT, INSERT, UPDATE on nfse.invoices). */
  public readonly reportWriterSecret: secretsmanager.ISecret;
  /** The report Lambda's Data API user (`nfse_report_reader`: SELECT on nfse.invoices). */
  public readonly reportReaderSecret: secretsmanager.ISecret;
  /** The outbox relay's Data API secret: reads and marks `faturamento.eventos_outbox`, nothing else. */
  public readonly outboxRelaySecret: secretsmanager.ISecret;
  /** The sample order-events consumer's: inserts into `mensagens_processadas` and `order_event_log`. */
  public readonly ordersConsumerSecret: secretsmanager.ISecret;
  /** BillingCycleWorkflow's Data API user (`nfse_billing_writer`: SELECT, INSERT, UPDATE on billing.*). */
  public readonly billingWriterSecret: secretsmanager.ISecret;
  /** The `/billing/runs` Lambda's (`nfse_billing_reader`: SELECT on billing.consolidations). */
  public readonly billingReaderSecret: secretsmanager.ISecret;
  /** The orders API's (`/products`, `/orders`): products, new orders and their first outbox row (`contracts/ordersGrantsSql.ts`). */
  public readonly ordersApiSecret: secretsmanager.ISecret;
  /** OrderSagaWorkflow's SQL states': stock, reservations, an order's status and its outbox rows. */
  public readonly orderSagaSecret: secretsmanager.ISecret;
  /** The saga's invoice Lambda's: reads the order it invoices. */
  public readonly orderInvoiceSecret: secretsmanager.ISecret;
  /**
   * Encrypts the companies' certificate secrets (`nfse-{stage}/companies/{cnpj}/certificate`): a
   * key of their own, so only the companies API (to write) and the adapters (to read) may use it,
   * each only through Secrets Manager and only for those secrets.
   */
  public readonly certificatesKey: kms.Key;
  /** Webhook endpoints and their deliveries (`contracts/webhookRecords.ts`: `pk`/`sk`, GSI `lookup`). */
  public readonly webhooksTable: dynamodb.Table;
  /** Encrypts the webhook endpoints' signing secrets (`nfse-{stage}/webhooks/{id}/signing-secret`). */
  public readonly webhooksKey: kms.Key;

  public constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.dataKey = new kms.Key(this, 'DataKey', { description: 'nfse-flow documents', enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    // Retained: the secrets it encrypts outlive the stack (the API creates them, not CloudFormation).
    this.certificatesKey = new kms.Key(this, 'CertificatesKey', { description: "nfse-flow: the companies' A1 certificate secrets", enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    // Retained for the same reason: the webhooks API creates the secrets.
    this.webhooksKey = new kms.Key(this, 'WebhooksKey', { description: 'nfse-flow: the webhook endpoints\' signing secrets', enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });

    const tableDefaults = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection,
      removalPolicy,
    } as const;
    this.invoicesTable = new dynamodb.Table(this, 'InvoicesTable', { ...tableDefaults, partitionKey: { name: 'invoiceId', type: dynamodb.AttributeType.STRING } });
    this.invoicesTable.addGlobalSecondaryIndex({
      indexName: INVOICE_INDEXES.byCompany,
      partitionKey: { name: 'companyCnpj', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'companyCreatedAt', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    // Sparse: only EMITTED records no workflow has claimed carry `sweepShard`, so the sweeper's
    // queries cost what is in flight, not the size of the table.
    this.invoicesTable.addGlobalSecondaryIndex({
      indexName: INVOICE_INDEXES.awaitingStart,
      partitionKey: { name: 'sweepShard', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'createdAt', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    // Idempotency records expire after 24 h (checked in code; TTL only deletes them, late).
    this.requestsTable = new dynamodb.Table(this, 'RequestsTable', { ...tableDefaults, partitionKey: { name: 'requestKey', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiresAt' });
    this.tenantsTable = new dynamodb.Table(this, 'TenantsTable', { ...tableDefaults, partitionKey: { name: 'principal', type: dynamodb.AttributeType.STRING } });
    this.companiesTable = new dynamodb.Table(this, 'CompaniesTable', { ...tableDefaults, partitionKey: { name: 'cnpj', type: dynamodb.AttributeType.STRING } });
    // Leases and rate slots live seconds; TTL only clears the items of cities nobody calls any more.
    this.cityLimitsTable = new dynamodb.Table(this, 'CityLimitsTable', {
      ...tableDefaults,
      partitionKey: { name: CITY_LIMITS_TABLE_KEY.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: CITY_LIMITS_TABLE_KEY.sortKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: CITY_LIMITS_TTL_ATTRIBUTE,
    });

    this.webhooksTable = new dynamodb.Table(this, 'WebhooksTable', {
      ...tableDefaults,
      partitionKey: { name: WEBHOOKS_TABLE_KEY.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: WEBHOOKS_TABLE_KEY.sortKey, type: dynamodb.AttributeType.STRING },
    });
    this.webhooksTable.addGlobalSecondaryIndex({
      indexName: WEBHOOKS_LOOKUP_INDEX.name,
      partitionKey: { name: WEBHOOKS_LOOKUP_INDEX.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: WEBHOOKS_LOOKUP_INDEX.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    this.docsBucket = this.createDocsBucket(props);
    const cluster = this.createCluster(props);
    this.cluster = cluster;
    if (cluster.secret === undefined) throw new Error('the Aurora cluster has no secret');
    this.dbSecret = cluster.secret;

    const migration = new SchemaMigration(this, 'InvoicesSchema', {
      cluster,
      secret: this.dbSecret,
      database: DB_NAME,
      // The orders saga's stock and orders (seed 004), its outbox, and usage billing's tables (seed 003), beside the invoices' mirror.
      statements: [
        ...splitSqlStatements(INVOICES_SCHEMA_SQL),
        ...splitSqlStatements(REPORTING_GRANTS_SQL),
        ...splitSqlStatements(OUTBOX_SCHEMA_SQL),
        ...splitSqlStatements(ORDER_EVENT_LOG_SCHEMA_SQL),
        ...splitSqlStatements(ORDERS_SCHEMA_SQL),
        ...splitSqlStatements(OUTBOX_GRANTS_SQL),
        ...splitSqlStatements(BILLING_SCHEMA_SQL),
        ...splitSqlStatements(BILLING_GRANTS_SQL),
        ...splitSqlStatements(ORDERS_GRANTS_SQL),
      ],
      roles: [...Object.values(REPORTING_ROLES), ...Object.values(OUTBOX_ROLES), ...Object.values(BILLING_ROLES), ...Object.values(ORDERS_ROLES)],
    });
    this.reportWriterSecret = this.reportingUserSecret('ReportWriter', REPORTING_ROLES.writer, cluster, migration);
    this.reportReaderSecret = this.reportingUserSecret('ReportReader', REPORTING_ROLES.reader, cluster, migration);
    this.outboxRelaySecret = this.reportingUserSecret('OutboxRelay', OUTBOX_ROLES.relay, cluster, migration);
    this.ordersConsumerSecret = this.reportingUserSecret('OrdersConsumer', OUTBOX_ROLES.consumer, cluster, migration);
    this.billingWriterSecret = this.reportingUserSecret('BillingWriter', BILLING_ROLES.writer, cluster, migration);
    this.billingReaderSecret = this.reportingUserSecret('BillingReader', BILLING_ROLES.reader, cluster, migration);
    this.ordersApiSecret = this.reportingUserSecret('OrdersApi', ORDERS_ROLES.api, cluster, migration);
    this.orderSagaSecret = this.reportingUserSecret('OrderSaga', ORDERS_ROLES.saga, cluster, migration);
    this.orderInvoiceSecret = this.reportingUserSecret('OrderInvoice', ORDERS_ROLES.invoice, cluster, migration);

    new CfnOutput(this, 'DocsBucketName', { value: this.docsBucket.bucketName });
    new CfnOutput(this, 'ClusterArn', { value: cluster.clusterArn });
    new CfnOutput(this, 'CertificatesKeyArn', { value: this.certificatesKey.keyArn });
    new CfnOutput(this, 'CertificateSecretName', { value: certificateSecretName(certificateSecretPrefix(props.stage), '{cnpj}'), description: "Name of each company's A1 certificate secret" });
  }

  /**
   * The Data API secret of a reporting user (the Data API signs in with one secret per user). Its
   * password is set by Secrets Manager's multi-user rotation, which signs in as the master, and
   * alternates the user with a `_clone` member of its role, so the secret stays valid during a
   * rotation. The first rotation runs at once on creation and grants the role to the clone, so it
   * waits for the migration that creates the role.
   * https://docs.aws.amazon.com/secretsmanager/latest/userguide/tutorials_rotation-alternating.html
   */
  private reportingUserSecret(id: string, username: string, cluster: rds.DatabaseCluster, migration: SchemaMigration): secretsmanager.ISecret {
    const secret = new rds.DatabaseSecret(this, `${id}Secret`, { username, dbname: DB_NAME, masterSecret: this.dbSecret }).attach(cluster);
    cluster.addRotationMultiUser(`${id}Rotation`, { secret, automaticallyAfter: Duration.days(30) });
    secret.node.findChild('RotationSchedule').node.addDependency(migration.resource);
    return secret;
  }

  private createDocsBucket(props: DataStackProps): s3.Bucket {
    const accessLogs = logsBucket(this, 'AccessLogsBucket', 's3-server-access', RemovalPolicy.RETAIN);

    const years = props.docsRetentionYears ?? 5;
    // Leap days included, so the lock never ends a day short of the legal period.
    const retentionDays = years * 365 + Math.ceil(years / 4);
    return new s3.Bucket(this, 'DocsBucket', {
      bucketName: docsBucketName(props.stage),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Tax documents must be kept for the legal period: governance-mode Object Lock makes every version outlive it.
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(retentionDays)),
      lifecycleRules: [
        {
          id: 'glacier-instant-retrieval',
          // Glacier Instant Retrieval keeps GetObject (and presigned URLs) working in milliseconds.
          transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(props.docsGlacierAfterDays ?? 90) }],
          noncurrentVersionTransitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) }],
          noncurrentVersionExpiration: Duration.days(retentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'docs/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private createCluster(props: DataStackProps): rds.DatabaseCluster {
    const cluster = new rds.DatabaseCluster(this, 'ReportingCluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_5 }),
      writer: rds.ClusterInstance.serverlessV2('Writer', { autoMinorVersionUpgrade: true }),
      // 0 ACU: the cluster pauses when idle (reports are occasional); the migration retries while it resumes.
      serverlessV2MinCapacity: 0,
      serverlessV2MaxCapacity: 4,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      credentials: rds.Credentials.fromGeneratedSecret('nfse_admin'),
      defaultDatabaseName: DB_NAME,
      enableDataApi: true,
      storageEncrypted: true,
      iamAuthentication: true,
      port: 5433,
      cloudwatchLogsExports: ['postgresql'],
      // RDS creates the log group itself when it first exports, so CDK sets the retention on it
      // afterwards (a custom resource) rather than owning a group whose name RDS picks.
      cloudwatchLogsRetention: props.dbLogRetention,
      backup: { retention: Duration.days(props.retainData ? 35 : 7) },
      deletionProtection: props.deletionProtection,
      removalPolicy: props.retainData ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
    });
    cluster.connections.allowDefaultPortFrom(props.bastion, 'psql from the SSM bastion');
    cluster.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
    // The stack-wide function aws-cdk-lib adds for cloudwatchLogsRetention.
    for (const retention of this.node.children.filter((child) => child.node.id.startsWith('LogRetention'))) {
      acknowledge(retention, [
        { id: 'AwsSolutions-IAM4', reason: 'The LogRetention function (aws-cdk-lib) logs through AWSLambdaBasicExecutionRole.', findings: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] },
        { id: 'AwsSolutions-IAM5', reason: 'The LogRetention function (aws-cdk-lib) sets the retention of a log group RDS creates and names at export time, so its Put/DeleteRetentionPolicy take Resource "*".', findings: ['Resource::*'] },
      ]);
    }
    if (!props.deletionProtection) {
      acknowledge(cluster, [{ id: 'AwsSolutions-RDS10', reason: 'Deletion protection opted out (deletionProtection=false) for a dev stage that is destroyed with its stacks.' }]);
    }
    return cluster;
  }
}
