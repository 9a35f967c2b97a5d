import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CityHealthItemSchema, healthSlotKey, type CityHealthItem } from '../../contracts/municipalityHealth';
import { HEALTH_WINDOWS, windowMinutes } from './healthFigures';

/**
 * The minute items the adapters wrote for `city` over the longest window ending at `now`: one
 * Query of the city's partition of `CITY_LIMITS_TABLE` between two sort keys (at most 15 items
 * of under 1 KB, one read unit eventually consistent). Counters are atomic `ADD`s, so a read
 * that lands between two tasks' writes only misses the later one's last seconds.
 */
export async function readCityHealth(ddb: DynamoDBDocumentClient, table: string, city: string, now: number): Promise<CityHealthItem[]> {
  const { from, to } = windowMinutes(now, HEALTH_WINDOWS.long);
  const { Items } = await ddb.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'city = :city AND slot BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':city': city, ':from': healthSlotKey(from), ':to': healthSlotKey(to) },
    }),
  );
  return (Items ?? []).map((item) => CityHealthItemSchema.parse(item));
}
