import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledge } from '../nag/acknowledge';
import { BUS_ARCHIVE_RETENTION_DAYS, ORDER_EVENTS_MAX_RECEIVES, ORDER_EVENTS_PATTERN, ORDERS_CONSUMER_TIMEOUT_SECONDS } from '../../../contracts/orderEventRouting';
import type { Construct } from 'constructs';

/** Options of {@link MessagingStack}. */
export interface MessagingStackProps extends StackProps {
  /** RequestsQueue visibility timeout, seconds (> the city call timeout; the adapter extends it). @default 60 */
  readonly visibilityTimeoutSeconds?: number;
  /** Receives before a request moves to RequestsDLQ. @default 5 */
  readonly maxReceiveCount?: number;
  /** Alarm when the oldest request waits longer than this. @default 5 minutes */
  readonly maxMessageAge?: Duration;
  /** Subscribed to the alarms topic. */
  readonly alarmEmail?: string;
}

/**
 * The queues (work for the adapters, its DLQ, failures for ops), the event bus, and the alarms
 * topic every alarm of the app notifies, with the queue alarms themselves.
 */
export class MessagingStack extends Stack {
  public readonly requestsQueue: sqs.Queue;
  public readonly requestsDlq: sqs.Queue;
  public readonly failuresQueue: sqs.Queue;
  /** Billing companies that failed past their retries (the seed's `omie-integration-dlq`), for ops. */
  public readonly billingFailuresQueue: sqs.Queue;
  /** Starts Step Functions throttled: emission queues them, the starter drains them as the quota refills. */
  public readonly startQueue: sqs.Queue;
  public readonly startDlq: sqs.Queue;
  public readonly eventBus: events.EventBus;
  /** Every event of the bus, kept 90 days for replay. */
  public readonly busArchive: events.Archive;
  /** Order events (`source: nfse-flow.orders`) for the sample consumer, and where they go after 3 receives. */
  public readonly ordersEventsQueue: sqs.Queue;
  public readonly ordersEventsDlq: sqs.Queue;
  public readonly alarmsTopic: sns.Topic;

  public constructor(scope: Construct, id: string, props: MessagingStackProps = {}) {
    super(scope, id, props);
    const fourteenDays = Duration.days(14);

    this.requestsDlq = new sqs.Queue(this, 'RequestsDLQ', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: fourteenDays });
    this.requestsQueue = new sqs.Queue(this, 'RequestsQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.visibilityTimeoutSeconds ?? 60),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.requestsDlq, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
    this.failuresQueue = new sqs.Queue(this, 'FailuresQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: fourteenDays });
    acknowledge(this.requestsDlq, [{ id: 'AwsSolutions-SQS3', reason: 'This is the dead-letter queue of RequestsQueue; the processor Lambda drains it.' }]);
    acknowledge(this.failuresQueue, [
      { id: 'AwsSolutions-SQS3', reason: 'FailuresQueue is already the end of the line: ops read and delete its messages by hand (nfse dlq list/reprocess), nothing consumes it automatically.' },
    ]);

    // BillingCycleWorkflow's RouteFailure: one message per company whose month failed, read by ops,
    // who reprocess the company (`nfse billing run YYYY-MM --empresa ID`) and delete the message.
    this.billingFailuresQueue = new sqs.Queue(this, 'BillingFailuresQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: fourteenDays });
    acknowledge(this.billingFailuresQueue, [
      { id: 'AwsSolutions-SQS3', reason: 'BillingFailuresQueue is the end of the line, like FailuresQueue: ops read its messages and reprocess the company; a DLQ would move a message ops merely looked at often enough.' },
    ]);

    // A start the StartExecution quota refused waits here; one throttled again the starter sends
    // back as a new message delayed 60-90 s, so throttling never counts toward the DLQ. The
    // visibility timeout (6x the starter's 10 s timeout, as the Lambda docs advise for SQS event
    // sources: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html) paces
    // what fails otherwise; after 10 such receives the message leaves; an invoice's is still
    // EMITTED, so the sweeper starts it, and its name (the invoiceId) keeps it single.
    this.startDlq = new sqs.Queue(this, 'StartDLQ', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: fourteenDays });
    this.startQueue = new sqs.Queue(this, 'StartQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(60),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.startDlq, maxReceiveCount: 10 },
    });
    acknowledge(this.startDlq, [{ id: 'AwsSolutions-SQS3', reason: "StartQueue's dead-letter queue: its invoices are still EMITTED and the sweeper starts them; the messages stay for inspection." }]);

    this.eventBus = new events.EventBus(this, 'EventBus', { description: 'InvoiceIssued, InvoiceFailed, InvoiceCancelled, the orders outbox events' });
    // Every event of this account on the bus (CDK requires a pattern), replayable for 90 days.
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive-event.html
    this.busArchive = this.eventBus.archive('Archive', {
      description: 'Every event of the bus, for replay',
      eventPattern: { account: [this.account] },
      retention: Duration.days(BUS_ARCHIVE_RETENTION_DAYS),
    });

    // The outbox relay publishes order events; the sample consumer reads them here. Visibility is
    // six times the consumer's timeout, as Lambda advises for SQS sources.
    this.ordersEventsDlq = new sqs.Queue(this, 'OrdersEventsDLQ', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: fourteenDays });
    acknowledge(this.ordersEventsDlq, [{ id: 'AwsSolutions-SQS3', reason: "OrdersEventsQueue's dead-letter queue: order events the consumer failed 3 times wait here for a redrive." }]);
    this.ordersEventsQueue = new sqs.Queue(this, 'OrdersEventsQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(6 * ORDERS_CONSUMER_TIMEOUT_SECONDS),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.ordersEventsDlq, maxReceiveCount: ORDER_EVENTS_MAX_RECEIVES },
    });
    new events.Rule(this, 'OrdersEventsRule', {
      eventBus: this.eventBus,
      description: 'Order events (the outbox relay publishes them) to the orders-events queue',
      eventPattern: { source: [...ORDER_EVENTS_PATTERN.source] },
      targets: [new targets.SqsQueue(this.ordersEventsQueue)],
    });

    // CloudWatch alarms cannot publish to a topic under the AWS managed SNS key: a key of our own, open to CloudWatch.
    const topicKey = new kms.Key(this, 'AlarmsTopicKey', { description: 'nfse-flow alarms topic', enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
    topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.alarmsTopic = new sns.Topic(this, 'AlarmsTopic', { masterKey: topicKey, enforceSSL: true });
    if (props.alarmEmail !== undefined) this.alarmsTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const notify = new actions.SnsAction(this.alarmsTopic);
    const maxAge = props.maxMessageAge ?? Duration.minutes(5);
    const alarms = [
      this.requestsQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }).createAlarm(this, 'RequestsQueueAgeAlarm', {
        alarmDescription: `The oldest request has waited more than ${maxAge.toSeconds()} s: adapters are down, saturated or a city is throttling.`,
        threshold: maxAge.toSeconds(),
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      this.startQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }).createAlarm(this, 'StartQueueAgeAlarm', {
        alarmDescription: 'A throttled start has waited more than 5 minutes: StartExecution runs at its quota for longer than a burst; ask for an increase (Step Functions service quotas).',
        threshold: 300,
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      this.requestsDlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }).createAlarm(this, 'RequestsDlqDepthAlarm', {
        alarmDescription: 'Requests reached the DLQ: the adapter could not process them 5 times.',
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      this.ordersEventsDlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }).createAlarm(this, 'OrdersEventsDlqDepthAlarm', {
        alarmDescription: 'Order events reached the DLQ: the consumer failed them 3 times.',
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      this.failuresQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }).createAlarm(this, 'FailuresDepthAlarm', {
        alarmDescription: 'Invoices failed and wait for ops (nfse dlq list / reprocess).',
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      this.billingFailuresQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }).createAlarm(this, 'BillingFailuresDepthAlarm', {
        alarmDescription: "Billing companies failed past their retries and wait for ops (reprocess: nfse billing run YYYY-MM --empresa ID).",
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
    for (const alarm of alarms) alarm.addAlarmAction(notify);

    new CfnOutput(this, 'RequestsQueueUrl', { value: this.requestsQueue.queueUrl });
    new CfnOutput(this, 'FailuresQueueUrl', { value: this.failuresQueue.queueUrl });
    new CfnOutput(this, 'BillingFailuresQueueUrl', { value: this.billingFailuresQueue.queueUrl });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
  }
}
