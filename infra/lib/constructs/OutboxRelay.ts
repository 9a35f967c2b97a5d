import { type CfnElement, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../../contracts/wiring';
import { acknowledge } from '../nag/acknowledge';
import { VPC_FUNCTION_MANAGED_POLICIES } from '../nag/vpcFunctionPolicies';
import { fromRepoRoot } from '../paths';
import { nodeFunctionDefaults } from './nodeFunctionDefaults';

/** Options of {@link OutboxRelay}. */
export interface OutboxRelayProps {
  /** Fixed, so writers' workflows can name it before it exists (`outboxRelayFunctionName`). */
  readonly functionName: string;
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly cluster: rds.IDatabaseCluster;
  /** The relay's own Data API secret (SELECT and UPDATE on the outbox only). */
  readonly secret: secretsmanager.ISecret;
  readonly database: string;
  readonly eventBus: events.IEventBus;
  /** How often the schedule runs the relay. @default Duration.minutes(1) */
  readonly every?: Duration;
}

/**
 * The transactional outbox's relay (`tasks/outbox/handler.ts`) and the EventBridge Scheduler
 * schedule that runs it every minute (no flexible window: a late minute is a late event; failed
 * invocations go to a DLQ). Writers nudge it with an async invoke (`workflows/steps/nudgeRelay.ts`)
 * for events within a second. It may lease and mark outbox rows, and PutEvents on the app's bus.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-templated.html
 */
export class OutboxRelay extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly schedule: scheduler.Schedule;
  /** Invocations the schedule could not deliver after its retries. */
  public readonly scheduleDlq: sqs.Queue;

  public constructor(scope: Construct, id: string, props: OutboxRelayProps) {
    super(scope, id);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      ...nodeFunctionDefaults(),
      functionName: props.functionName,
      entry: fromRepoRoot('tasks/outbox/handler.ts'),
      handler: 'handler',
      description: 'Transactional outbox relay: publishes faturamento.eventos_outbox to the event bus in seq order, at least once',
      // The relay stops publishing at half its 60 s lease; this ends it by then.
      timeout: Duration.seconds(30),
      memorySize: 256,
      vpc: props.vpc,
      vpcSubnets: { subnets: props.vpc.privateSubnets },
      securityGroups: [props.securityGroup],
      logGroup: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY }),
      environment: {
        [ENV.DbClusterArn]: props.cluster.clusterArn,
        [ENV.DbSecretArn]: props.secret.secretArn,
        [ENV.DbName]: props.database,
        [ENV.EventBusName]: props.eventBus.eventBusName,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'nfse-outbox-relay',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    // Every statement of the relay runs alone (its claim too: the claim_outbox_rows function), so no transaction calls.
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['rds-data:ExecuteStatement'], resources: [props.cluster.clusterArn] }));
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [props.secret.secretArn] }));
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [props.eventBus.eventBusArn] }));

    // The schedule's own role (the target grants it InvokeFunction and SendMessage to the DLQ), so it lives in this construct.
    const scheduleRole = new iam.Role(this, 'ScheduleRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'), description: 'EventBridge Scheduler: invokes the outbox relay' });
    this.scheduleDlq = new sqs.Queue(this, 'ScheduleDLQ', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Runs the outbox relay: rows no nudge published reach the bus within a minute',
      schedule: scheduler.ScheduleExpression.rate(props.every ?? Duration.minutes(1)),
      timeWindow: scheduler.TimeWindow.off(),
      // A run older than a minute is superseded by the next one: two retries, then the DLQ.
      target: new schedulerTargets.LambdaInvoke(this.function, { role: scheduleRole, deadLetterQueue: this.scheduleDlq, retryAttempts: 2, maxEventAge: Duration.minutes(1) }),
    });

    acknowledge(scheduleRole, [
      {
        id: 'AwsSolutions-IAM5',
        reason: "CDK's Lambda target grants InvokeFunction on the relay and its versions (ARN:*): the relay's own ARN, no other function.",
        findings: [`Resource::<${Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnElement)}.Arn>:*`],
      },
    ]);
    acknowledge(this.scheduleDlq, [{ id: 'AwsSolutions-SQS3', reason: "The relay schedule's dead-letter queue: missed runs are kept for inspection; the next minute's run publishes their rows anyway." }]);
    acknowledge(this.function, [
      VPC_FUNCTION_MANAGED_POLICIES,
      { id: 'AwsSolutions-IAM5', reason: 'X-Ray PutTraceSegments/PutTelemetryRecords accept only Resource "*".', findings: ['Resource::*'] },
    ]);
  }
}
