import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CITY_LIMIT_SLOTS, CITY_LIMITS_TTL_ATTRIBUTE, CITY_WAITER_PREFIX, CityLeaseItemSchema, leaseSlotKey } from '../../contracts/cityLimits';

/** One concurrency slot this task holds (see {@link LeaseTable}). */
export interface LeaseKey {
  readonly city: string;
  readonly slot: number;
  /** This acquisition's identity: a release or renewal by anyone else's is refused. */
  readonly holder: string;
}

/** Deleted by TTL an hour after a lease ends: by then nobody needs the item, even with skewed clocks. */
const TTL_MARGIN_SECONDS = 3_600;

function ttlAfter(epochMs: number): number {
  return Math.ceil(epochMs / 1000) + TTL_MARGIN_SECONDS;
}

/**
 * The concurrency slots of the cities in `CITY_LIMITS_TABLE` (`contracts/cityLimits.ts`): one
 * item per held slot, taken with a conditional write (free: no item, or its lease expired) and
 * kept by renewing `expiresAt`. Every write names its holder, so a task whose lease expired and
 * went to another cannot renew or release it. Conditional writes:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
 */
export class LeaseTable {
  public constructor(
    private readonly dynamodb: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Takes `slot` of `key.city` until `expiresAt` when it is free at `now`; false when another holds it. */
  public async take(key: LeaseKey, now: number, expiresAt: number): Promise<boolean> {
    return ifConditionHolds(
      this.dynamodb.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { city: key.city, slot: leaseSlotKey(key.slot) },
          UpdateExpression: 'SET holder = :holder, expiresAt = :expiresAt, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(holder) OR expiresAt < :now',
          ExpressionAttributeNames: { '#ttl': CITY_LIMITS_TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':holder': key.holder, ':expiresAt': expiresAt, ':ttl': ttlAfter(expiresAt), ':now': now },
        }),
      ),
    );
  }

  /** The slots below `slots` that nobody holds at `now` (a strongly consistent read of the city's leases). */
  public async freeSlots(city: string, slots: number, now: number): Promise<number[]> {
    const { Items } = await this.dynamodb.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'city = :city AND begins_with(slot, :lease)',
        ExpressionAttributeValues: { ':city': city, ':lease': CITY_LIMIT_SLOTS.lease },
        ConsistentRead: true,
      }),
    );
    const held = new Set((Items ?? []).map((item) => CityLeaseItemSchema.parse(item)).filter((lease) => lease.expiresAt >= now).map((lease) => lease.slot));
    return Array.from({ length: slots }, (_, n) => n).filter((n) => !held.has(leaseSlotKey(n)));
  }

  /** Moves the lease's expiry to `expiresAt`; false when it is no longer this holder's (it expired and was taken). */
  public async renew(key: LeaseKey, expiresAt: number): Promise<boolean> {
    return ifConditionHolds(
      this.dynamodb.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { city: key.city, slot: leaseSlotKey(key.slot) },
          UpdateExpression: 'SET expiresAt = :expiresAt, #ttl = :ttl',
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeNames: { '#ttl': CITY_LIMITS_TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':holder': key.holder, ':expiresAt': expiresAt, ':ttl': ttlAfter(expiresAt) },
        }),
      ),
    );
  }

  /** Frees the slot, unless it is no longer this holder's. */
  public async release(key: LeaseKey): Promise<void> {
    await ifConditionHolds(
      this.dynamodb.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { city: key.city, slot: leaseSlotKey(key.slot) },
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeValues: { ':holder': key.holder },
        }),
      ),
    );
  }

  /** Signs `taskId` in as waiting for a slot of `city` until `until`, so holders make room (see {@link othersWaiting}). */
  public async signalWaiting(city: string, taskId: string, until: number): Promise<void> {
    await this.dynamodb.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { city, slot: CITY_LIMIT_SLOTS.waiting },
        UpdateExpression: 'SET #waiter = :until, #ttl = :ttl',
        ExpressionAttributeNames: { '#waiter': `${CITY_WAITER_PREFIX}${taskId}`, '#ttl': CITY_LIMITS_TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':until': until, ':ttl': ttlAfter(until) },
      }),
    );
  }

  /** Whether a task other than `taskId` waits for a slot of `city` at `now` (an eventually consistent read: a hint). */
  public async othersWaiting(city: string, taskId: string, now: number): Promise<boolean> {
    const { Item } = await this.dynamodb.send(new GetCommand({ TableName: this.table, Key: { city, slot: CITY_LIMIT_SLOTS.waiting } }));
    const mine = `${CITY_WAITER_PREFIX}${taskId}`;
    return Object.entries(Item ?? {}).some(([name, until]) => name.startsWith(CITY_WAITER_PREFIX) && name !== mine && typeof until === 'number' && until > now);
  }
}

/** Whether the conditional write went through (a failed condition is an answer here, not an error). */
async function ifConditionHolds(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
