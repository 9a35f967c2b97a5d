import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReplayedDelivery, WebhookDelivery, WebhookDeliveryInput } from '../../contracts/webhookDelivery';
import { WEBHOOKS_LOOKUP_INDEX, WebhookDeliveryRecordSchema, webhookKeys, type WebhookDeliveryRecord } from '../../contracts/webhookRecords';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { NotFoundError } from '../shared/errors';
import { endpointFor } from './webhookEndpoints';

/** What the delivery operations need. */
export interface WebhookDeliveryDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly webhooksTable: string;
  readonly deliveryStateMachineArn: string;
}

/** Deliveries one answer lists. */
const DELIVERIES_PAGE = 100;

function deliveryView(record: WebhookDeliveryRecord): WebhookDelivery {
  const { pk: _pk, sk: _sk, companyCnpj: _cnpj, eventId: _eventId, executionArn: _arn, ...view } = record;
  return view;
}

/** `GET /webhooks/{id}/deliveries`: the endpoint's latest deliveries, newest first, with every attempt. */
export async function listDeliveries(deps: WebhookDeliveryDeps, caller: Caller, endpointId: string): Promise<WebhookDelivery[]> {
  await endpointFor(deps, caller, endpointId);
  const { Items = [] } = await deps.ddb.send(
    new QueryCommand({
      TableName: deps.webhooksTable,
      KeyConditionExpression: 'pk = :endpoint AND begins_with(sk, :delivery)',
      ExpressionAttributeValues: { ':endpoint': webhookKeys.deliveries(endpointId), ':delivery': webhookKeys.deliverySortPrefix },
      ScanIndexForward: false,
      Limit: DELIVERIES_PAGE,
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => deliveryView(WebhookDeliveryRecordSchema.parse(item)));
}

/**
 * `POST /webhooks/deliveries/{id}/replay`: sends the delivery again, the same payload with the same
 * `webhook-id` (a receiver that kept it sees a duplicate), as a new WebhookDeliveryWorkflow
 * execution `{id}-r{n}`; its attempts are added to the delivery's.
 */
export async function replayDelivery(deps: WebhookDeliveryDeps, caller: Caller, deliveryId: string): Promise<ReplayedDelivery> {
  const { Items = [] } = await deps.ddb.send(
    new QueryCommand({
      TableName: deps.webhooksTable,
      IndexName: WEBHOOKS_LOOKUP_INDEX.name,
      KeyConditionExpression: `${WEBHOOKS_LOOKUP_INDEX.partitionKey} = :delivery`,
      ExpressionAttributeValues: { ':delivery': webhookKeys.deliveryLookup(deliveryId) },
    }),
  );
  const record = Items[0] === undefined ? undefined : WebhookDeliveryRecordSchema.parse(Items[0]);
  if (record === undefined || !mayAccessCompany(caller, record.companyCnpj)) throw new NotFoundError(`Delivery ${deliveryId} not found`);
  const { Attributes } = await deps.ddb.send(
    new UpdateCommand({ TableName: deps.webhooksTable, Key: { pk: record.pk, sk: record.sk }, UpdateExpression: 'ADD replays :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' }),
  );
  const replay = Number(Attributes?.replays ?? 1);
  const input: WebhookDeliveryInput = {
    deliveryId,
    endpointId: record.endpointId,
    companyCnpj: record.companyCnpj,
    eventId: record.eventId,
    webhookId: record.webhookId,
    type: record.type,
    createdAt: record.createdAt,
    payload: record.payload,
  };
  const started = await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.deliveryStateMachineArn, name: `${deliveryId}-r${replay}`, input: JSON.stringify(input) }));
  if (started.executionArn === undefined) throw new Error(`StartExecution answered no executionArn for ${deliveryId}`);
  return { deliveryId, executionArn: started.executionArn };
}
