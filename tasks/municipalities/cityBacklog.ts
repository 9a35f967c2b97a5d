import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CITY_LIMIT_SLOTS } from '../../contracts/cityLimits';
import { BACKLOG_FRESH_SECONDS, CityBacklogItemSchema, type CityBacklog, type CityBacklogItem } from '../../contracts/municipalityHealth';

/**
 * Every adapter task's backlog item for `city` (`backlog#{taskId}`): one Query of the city's
 * partition. Items of tasks that stopped linger until their TTL; {@link backlogFigures} skips them.
 */
export async function readCityBacklog(ddb: DynamoDBDocumentClient, table: string, city: string): Promise<CityBacklogItem[]> {
  const { Items } = await ddb.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'city = :city AND begins_with(slot, :backlog)',
      ExpressionAttributeValues: { ':city': city, ':backlog': CITY_LIMIT_SLOTS.backlog },
    }),
  );
  return (Items ?? []).map((item) => CityBacklogItemSchema.parse(item));
}

/** The city's backlog at `now`, every task together: the fresh reports' waiting messages summed, and the oldest of their oldest. */
export function backlogFigures(items: readonly CityBacklogItem[], now: number): CityBacklog {
  const fresh = items.filter((item) => item.reportedAt >= now - BACKLOG_FRESH_SECONDS * 1000 && item.waiting > 0);
  const oldest = Math.min(...fresh.map((item) => item.oldestSentAt ?? item.reportedAt));
  return {
    waiting: fresh.reduce((total, item) => total + item.waiting, 0),
    oldestAgeSeconds: fresh.length === 0 ? null : Math.max(0, Math.floor((now - oldest) / 1000)),
    tasks: fresh.length,
  };
}
