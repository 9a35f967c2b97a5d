import type { Logger } from 'pino';
import type { EdgeResponse } from '../edge/EdgeRequest';
import { awsJsonResult } from '../edge/awsErrors';
import type { DynaliteClient, JsonObject } from './DynaliteClient';
import type { IdempotencyTokens } from './IdempotencyTokens';
import type { ReadWriteLock } from './ReadWriteLock';
import { isObject, keyOfItem } from './tableKeys';
import { dynamoError, transactionCanceled, validationError, type CancellationReason } from './dynamoErrors';
import { conditionHolds, TRANSACT_WRITE_KINDS, validateTransactEntry, type TransactWriteKind } from './validateTransactItem';

/** DynamoDB's limit of items per transaction. */
const MAX_TRANSACT_ITEMS = 100;

interface PlannedWrite {
  readonly kind: TransactWriteKind;
  readonly input: JsonObject;
  /** dynalite's parsed form (condition included). */
  readonly data: JsonObject;
  readonly table: string;
}

interface AppliedWrite {
  readonly table: string;
  readonly key: JsonObject;
  readonly before: JsonObject | undefined;
}

/**
 * TransactWriteItems and TransactGetItems on top of dynalite, which has neither. Each runs alone
 * (the service's lock, taken exclusively): every condition is checked against a consistent read
 * first, then the writes are applied one by one and undone in reverse if one of them fails, so
 * other callers see all of a transaction or none of it.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html
 */
export class Transactions {
  public constructor(
    private readonly dynalite: DynaliteClient,
    private readonly lock: ReadWriteLock,
    private readonly tokens: IdempotencyTokens,
    private readonly logger: Logger,
  ) {}

  /** Answers a TransactWriteItems call. */
  public async writeItems(input: JsonObject): Promise<EdgeResponse> {
    const entries = readEntries(input);
    if (!Array.isArray(entries)) return entries;
    const planned: PlannedWrite[] = [];
    for (const entry of entries) {
      const kinds = TRANSACT_WRITE_KINDS.filter((kind) => isObject(entry[kind]));
      const kind = kinds[0];
      if (kinds.length !== 1 || kind === undefined || Object.keys(entry).length !== 1) {
        return validationError('TransactItems can only contain one of Check, Put, Update or Delete');
      }
      const operation = entry[kind] as JsonObject;
      const validated = validateTransactEntry(kind, operation);
      if (!validated.ok) return validated.response;
      planned.push({ kind, input: operation, data: validated.data, table: String(operation.TableName) });
    }
    const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : undefined;
    const fingerprint = JSON.stringify(entries);
    return this.lock.write(async () => {
      if (token !== undefined) {
        const status = this.tokens.status(token, fingerprint);
        if (status === 'mismatch') return dynamoError('IdempotentParameterMismatchException', 'Request parameters do not match the previous request with the same client token');
        if (status === 'replay') return awsJsonResult(consumedCapacity(input, planned.map((p) => p.table)));
      }
      const answer = await this.runWrites(planned);
      if (answer !== undefined) return answer;
      if (token !== undefined) this.tokens.remember(token, fingerprint);
      return awsJsonResult(consumedCapacity(input, planned.map((p) => p.table)));
    });
  }

  /** Answers a TransactGetItems call. */
  public async getItems(input: JsonObject): Promise<EdgeResponse> {
    const entries = readEntries(input);
    if (!Array.isArray(entries)) return entries;
    const gets: JsonObject[] = [];
    for (const entry of entries) {
      if (!isObject(entry.Get) || Object.keys(entry).length !== 1) return validationError('TransactItems can only contain Get operations');
      gets.push(entry.Get);
    }
    const identities = new Set<string>();
    for (const get of gets) {
      const identity = itemIdentity(String(get.TableName), isObject(get.Key) ? get.Key : {});
      if (identities.has(identity)) return validationError('Transaction request cannot include multiple operations on one item');
      identities.add(identity);
    }
    return this.lock.write(async () => {
      const responses: JsonObject[] = [];
      for (const get of gets) {
        const { TableName, Key, ProjectionExpression, ExpressionAttributeNames } = get;
        const result = await this.dynalite.call('GetItem', { TableName, Key, ProjectionExpression, ExpressionAttributeNames, ConsistentRead: true });
        if (!result.ok) return result.response;
        responses.push(isObject(result.value.Item) ? { Item: result.value.Item } : {});
      }
      return awsJsonResult({ Responses: responses, ...consumedCapacity(input, gets.map((g) => String(g.TableName))) });
    });
  }

  /** Checks then applies; answers an error, or undefined when every write landed. Runs under the lock. */
  private async runWrites(planned: readonly PlannedWrite[]): Promise<EdgeResponse | undefined> {
    const keys: JsonObject[] = [];
    const identities = new Set<string>();
    const schemas = new Map<string, readonly string[]>();
    for (const write of planned) {
      const found = write.kind === 'Put' ? await keyOfItem(this.dynalite, write.table, write.input.Item, schemas) : { key: write.input.Key };
      if ('error' in found) return found.error;
      const key = found.key;
      if (!isObject(key)) return validationError('The provided key element does not match the schema');
      const identity = itemIdentity(write.table, key);
      if (identities.has(identity)) return validationError('Transaction request cannot include multiple operations on one item');
      identities.add(identity);
      keys.push(key);
    }
    const befores: Array<JsonObject | undefined> = [];
    for (const [index, write] of planned.entries()) {
      const read = await this.dynalite.call('GetItem', { TableName: write.table, Key: keys[index], ConsistentRead: true });
      if (!read.ok) return read.response;
      befores.push(isObject(read.value.Item) ? read.value.Item : undefined);
    }
    const reasons: CancellationReason[] = planned.map((write, index) => {
      const before = befores[index];
      if (conditionHolds(write.data, before)) return { Code: 'None' };
      const withItem = write.input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && before !== undefined;
      return { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(withItem ? { Item: before } : {}) };
    });
    if (reasons.some((reason) => reason.Code !== 'None')) return transactionCanceled(reasons);
    const applied: AppliedWrite[] = [];
    for (const [index, write] of planned.entries()) {
      if (write.kind === 'ConditionCheck') continue;
      const { ReturnValuesOnConditionCheckFailure: _ignored, ...single } = write.input;
      const result = await this.dynalite.call(`${write.kind}Item`, single);
      const key = keys[index] as JsonObject;
      if (result.ok) {
        applied.push({ table: write.table, key, before: befores[index] });
        continue;
      }
      await this.undo(applied);
      if (!result.type.endsWith('ValidationException')) return result.response;
      return transactionCanceled(planned.map((_, i) => (i === index ? { Code: 'ValidationError', Message: result.message } : { Code: 'None' })));
    }
    return undefined;
  }

  /** Restores the items a failed transaction had already written, newest first. */
  private async undo(applied: readonly AppliedWrite[]): Promise<void> {
    for (const write of [...applied].reverse()) {
      const result = write.before !== undefined
        ? await this.dynalite.call('PutItem', { TableName: write.table, Item: write.before })
        : await this.dynalite.call('DeleteItem', { TableName: write.table, Key: write.key });
      if (!result.ok) this.logger.error({ table: write.table, error: result.message }, 'could not undo a transaction write');
    }
  }
}

function readEntries(input: JsonObject): JsonObject[] | EdgeResponse {
  const items = input.TransactItems;
  if (!Array.isArray(items)) return validationError("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
  if (items.length < 1 || items.length > MAX_TRANSACT_ITEMS) {
    const bound = items.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_TRANSACT_ITEMS}`;
    return validationError(`1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length ${bound}`);
  }
  if (!items.every(isObject)) return validationError('TransactItems can only contain objects');
  return items;
}

function itemIdentity(table: string, key: JsonObject): string {
  return JSON.stringify([table, Object.keys(key).sort().map((name) => [name, key[name]])]);
}

function consumedCapacity(input: JsonObject, tables: readonly string[]): JsonObject {
  if (input.ReturnConsumedCapacity !== 'TOTAL' && input.ReturnConsumedCapacity !== 'INDEXES') return {};
  // A transactional read or write of an item up to 1 KB (4 KB for reads) costs 2 units.
  const units = new Map<string, number>();
  for (const table of tables) units.set(table, (units.get(table) ?? 0) + 2);
  return { ConsumedCapacity: [...units].map(([TableName, CapacityUnits]) => ({ TableName, CapacityUnits })) };
}

