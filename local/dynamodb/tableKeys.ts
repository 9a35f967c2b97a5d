import type { EdgeResponse } from '../edge/EdgeRequest';
import type { DynaliteClient, JsonObject } from './DynaliteClient';
import { validationError } from './dynamoErrors';

/** The primary key of an item, or the error answer explaining why it cannot be read. */
export type KeyResult = { readonly key: JsonObject } | { readonly error: EdgeResponse };

/**
 * Reads the primary key out of a whole item (what PutItem carries) with the table's key schema;
 * `schemas` caches the schemas looked up during one call.
 */
export async function keyOfItem(dynalite: DynaliteClient, table: string, item: unknown, schemas = new Map<string, readonly string[]>()): Promise<KeyResult> {
  let names = schemas.get(table);
  if (names === undefined) {
    const described = await dynalite.call('DescribeTable', { TableName: table });
    if (!described.ok) return { error: described.response };
    const description = described.value.Table;
    const schema = isObject(description) && Array.isArray(description.KeySchema) ? description.KeySchema : [];
    names = schema.filter(isObject).map((element) => String(element.AttributeName));
    schemas.set(table, names);
  }
  const key: JsonObject = {};
  for (const name of names) {
    const value = isObject(item) ? item[name] : undefined;
    if (value === undefined) return { error: validationError(`One or more parameter values were invalid: Missing the key ${name} in the item`) };
    key[name] = value;
  }
  return { key };
}

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
