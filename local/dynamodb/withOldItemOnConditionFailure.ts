import type { EdgeResponse } from '../edge/EdgeRequest';
import type { DynaliteClient, JsonObject } from './DynaliteClient';
import { isObject, keyOfItem } from './tableKeys';

/** The single-item writes that accept `ReturnValuesOnConditionCheckFailure`. */
export const SINGLE_ITEM_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

/**
 * Adds the stored item to a `ConditionalCheckFailedException`, as DynamoDB does for a write sent
 * with `ReturnValuesOnConditionCheckFailure: ALL_OLD` (dynalite ignores the parameter). Call it
 * under the exclusive lock, so the item read is the one the condition was checked against.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html#DDB-PutItem-request-ReturnValuesOnConditionCheckFailure
 */
export async function withOldItemOnConditionFailure(dynalite: DynaliteClient, target: string, input: JsonObject, response: EdgeResponse): Promise<EdgeResponse> {
  const body = parseBody(response.body);
  if (response.status !== 400 || typeof body?.__type !== 'string' || !body.__type.endsWith('#ConditionalCheckFailedException')) return response;
  const table = String(input.TableName);
  const found = target === 'PutItem' ? await keyOfItem(dynalite, table, input.Item) : { key: input.Key };
  if ('error' in found || !isObject(found.key)) return response;
  const read = await dynalite.call('GetItem', { TableName: table, Key: found.key, ConsistentRead: true });
  if (!read.ok || !isObject(read.value.Item)) return response;
  // The body changes: dynalite's length and CRC32 of it no longer hold.
  const { 'x-amz-crc32': _staleChecksum, 'content-length': _staleLength, ...headers } = response.headers ?? {};
  return { ...response, headers, body: JSON.stringify({ ...body, Item: read.value.Item }) };
}

function parseBody(body: EdgeResponse['body']): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(String(body ?? ''));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
