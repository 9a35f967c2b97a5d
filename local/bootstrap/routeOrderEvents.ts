import { CreateArchiveCommand, ResourceAlreadyExistsException, PutRuleCommand, PutTargetsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { BUS_ARCHIVE_RETENTION_DAYS, ORDER_EVENTS_MAX_RECEIVES, ORDER_EVENTS_PATTERN, ORDERS_CONSUMER_TIMEOUT_SECONDS } from '../../contracts/orderEventRouting';
import type { AppResourceNames } from './appResourceNames';

/**
 * What the CDK app's MessagingStack builds for the outbox's events, idempotently: the bus archive
 * (every event, 90 days), the `…-orders-events` queue with its DLQ after 3 receives, and the rule
 * `source: nfse-flow.orders` → that queue.
 */
export async function routeOrderEvents(clients: { readonly events: EventBridgeClient; readonly sqs: SQSClient }, names: AppResourceNames): Promise<void> {
  const busArn = `arn:aws:events:${names.region}:${names.accountId}:event-bus/${names.eventBus}`;
  try {
    await clients.events.send(
      new CreateArchiveCommand({
        ArchiveName: names.busArchive,
        EventSourceArn: busArn,
        Description: 'Every event of the bus, for replay',
        EventPattern: JSON.stringify({ account: [names.accountId] }),
        RetentionDays: BUS_ARCHIVE_RETENTION_DAYS,
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
  const queueArn = (name: string): string => `arn:aws:sqs:${names.region}:${names.accountId}:${name}`;
  await clients.sqs.send(new CreateQueueCommand({ QueueName: names.ordersEventsDlq, Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }));
  await clients.sqs.send(
    new CreateQueueCommand({
      QueueName: names.ordersEventsQueue,
      Attributes: {
        VisibilityTimeout: String(6 * ORDERS_CONSUMER_TIMEOUT_SECONDS),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn(names.ordersEventsDlq), maxReceiveCount: ORDER_EVENTS_MAX_RECEIVES }),
      },
    }),
  );
  await clients.events.send(new PutRuleCommand({ Name: names.ordersEventsRule, EventBusName: names.eventBus, EventPattern: JSON.stringify(ORDER_EVENTS_PATTERN), State: 'ENABLED' }));
  await clients.events.send(new PutTargetsCommand({ Rule: names.ordersEventsRule, EventBusName: names.eventBus, Targets: [{ Id: 'orders-events', Arn: queueArn(names.ordersEventsQueue) }] }));
}
