import { createHash } from 'node:crypto';
import { type CfnElement, CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { acknowledge } from '../nag/acknowledge';
import { Construct } from 'constructs';
import { fromRepoRoot } from '../paths';
import { nodeFunctionDefaults } from './nodeFunctionDefaults';

/** Options of {@link SchemaMigration}. */
export interface SchemaMigrationProps {
  readonly cluster: rds.IDatabaseCluster;
  readonly secret: secretsmanager.ISecret;
  readonly database: string;
  /** Idempotent SQL statements, applied in order on every change. */
  readonly statements: readonly string[];
  /** LOGIN roles created (without a password) before the statements, when missing. @default none */
  readonly roles?: readonly string[];
}

/**
 * Applies SQL to Aurora through the Data API at deploy time (a custom resource), as the master
 * user: first the roles that do not exist yet, then the statements. The hash of both is a
 * property, so changing the SQL in contracts/ re-runs it on the next deploy.
 */
export class SchemaMigration extends Construct {
  public readonly resource: CustomResource;
  public readonly handler: nodejs.NodejsFunction;

  public constructor(scope: Construct, id: string, props: SchemaMigrationProps) {
    super(scope, id);
    this.handler = new nodejs.NodejsFunction(this, 'Handler', {
      ...nodeFunctionDefaults(),
      entry: fromRepoRoot('infra/lambda/migrateSchema.ts'),
      handler: 'handler',
      description: 'Creates the reporting roles and applies the nfse.invoices schema through the RDS Data API',
      // Long enough for Aurora to resume from 0 ACU (12 attempts x 5 s per statement at worst).
      timeout: Duration.minutes(5),
      memorySize: 256,
      logGroup: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    });
    this.handler.addToRolePolicy(new iam.PolicyStatement({ actions: ['rds-data:ExecuteStatement'], resources: [props.cluster.clusterArn] }));
    props.secret.grantRead(this.handler);

    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.handler,
      logGroup: new logs.LogGroup(this, 'ProviderLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    });
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::NfseSchemaMigration',
      properties: {
        ClusterArn: props.cluster.clusterArn,
        SecretArn: props.secret.secretArn,
        Database: props.database,
        Statements: [...props.statements],
        Roles: [...(props.roles ?? [])],
        SchemaHash: createHash('sha256').update(JSON.stringify({ statements: props.statements, roles: props.roles ?? [] })).digest('hex'),
      },
    });
    // The writer must exist (not only the cluster) before a statement can run.
    this.resource.node.addDependency(props.cluster);

    acknowledge(
      this,
      [
        { id: 'AwsSolutions-IAM4', reason: 'AWSLambdaBasicExecutionRole only lets the migration functions write their own logs.', findings: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] },
        {
          id: 'AwsSolutions-IAM5',
          reason: 'The provider framework invokes its onEvent function by ARN and versions (`:*`); X-Ray tracing needs Resource "*".',
          findings: ['Resource::*', `Resource::<${Stack.of(this).getLogicalId(this.handler.node.defaultChild as CfnElement)}.Arn>:*`],
        },
        { id: 'AwsSolutions-L1', reason: 'The provider framework function runtime is chosen by aws-cdk-lib; our own handler uses the newest Node runtime.' },
      ],
    );
  }
}
