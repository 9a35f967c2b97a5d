import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as eventsources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ORDERS_CONSUMER_TIMEOUT_SECONDS } from '../../../contracts/orderEventRouting';
import { ENV } from '../../../contracts/wiring';
import { acknowledge } from '../nag/acknowledge';
import { VPC_FUNCTION_MANAGED_POLICIES } from '../nag/vpcFunctionPolicies';
import { fromRepoRoot } from '../paths';
import { nodeFunctionDefaults } from './nodeFunctionDefaults';

/** Options of {@link OrdersEventsConsumer}. */
export interface OrdersEventsConsumerProps {
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly queue: sqs.IQueue;
  readonly cluster: rds.IDatabaseCluster;
  /** The consumer's own Data API secret (INSERT on its two tables only). */
  readonly secret: secretsmanager.ISecret;
  readonly database: string;
}

/**
 * The sample idempotent consumer of order events (`tasks/outbox/consumer/handler.ts`) on the
 * orders-events queue, reporting batch item failures so one bad message is retried alone.
 */
export class OrdersEventsConsumer extends Construct {
  public readonly function: nodejs.NodejsFunction;

  public constructor(scope: Construct, id: string, props: OrdersEventsConsumerProps) {
    super(scope, id);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      ...nodeFunctionDefaults(),
      entry: fromRepoRoot('tasks/outbox/consumer/handler.ts'),
      handler: 'handler',
      description: 'Sample consumer of order events: records each eventId once (faturamento.mensagens_processadas)',
      timeout: Duration.seconds(ORDERS_CONSUMER_TIMEOUT_SECONDS),
      memorySize: 256,
      vpc: props.vpc,
      vpcSubnets: { subnets: props.vpc.privateSubnets },
      securityGroups: [props.securityGroup],
      logGroup: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY }),
      environment: {
        [ENV.DbClusterArn]: props.cluster.clusterArn,
        [ENV.DbSecretArn]: props.secret.secretArn,
        [ENV.DbName]: props.database,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'nfse-orders-consumer',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['rds-data:ExecuteStatement'], resources: [props.cluster.clusterArn] }));
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [props.secret.secretArn] }));
    this.function.addEventSource(new eventsources.SqsEventSource(props.queue, { batchSize: 10, reportBatchItemFailures: true }));
    acknowledge(this.function, [
      VPC_FUNCTION_MANAGED_POLICIES,
      { id: 'AwsSolutions-IAM5', reason: 'X-Ray PutTraceSegments/PutTelemetryRecords accept only Resource "*".', findings: ['Resource::*'] },
    ]);
  }
}
