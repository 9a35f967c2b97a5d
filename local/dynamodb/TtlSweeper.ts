import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../lib/clock/Clock';
import type { DynaliteClient, JsonObject } from './DynaliteClient';
import type { ReadWriteLock } from './ReadWriteLock';
import type { TtlRegistry } from './TtlRegistry';

/** Options of {@link TtlSweeper}. */
export interface TtlSweeperOptions {
  /**
   * AWS milliseconds between two sweeps. AWS deletes expired items "within a few days"; the local
   * cloud within this interval (scaled by the clock's time scale like every other timer).
   * @default 10_000
   */
  readonly intervalMs?: number;
}

// AWS leaves alone items whose TTL lies more than five years in the past (likely not a TTL at all).
const FIVE_YEARS_MS = 5 * 365 * 24 * 60 * 60 * 1000;

/**
 * Deletes expired items of the tables with TTL enabled, as DynamoDB's background TTL process
 * does: an item expires when its TTL attribute is a Number of epoch seconds not after now.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html
 */
export class TtlSweeper {
  private readonly intervalMs: number;
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  public constructor(
    private readonly dynalite: DynaliteClient,
    private readonly lock: ReadWriteLock,
    private readonly registry: TtlRegistry,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: TtlSweeperOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 10_000;
  }

  /** Schedules sweeps until {@link stop}. */
  public start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Cancels the next sweep and waits for one in progress. */
  public async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    await this.running;
  }

  /** Deletes every item expired now; resolves to how many were deleted. */
  public async sweep(): Promise<number> {
    let deleted = 0;
    for (const [table, attribute] of this.registry.enabled()) {
      if (this.stopped) break;
      deleted += await this.sweepTable(table, attribute);
    }
    return deleted;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      this.running = this.sweep()
        .then((deleted) => {
          if (deleted > 0) this.logger.debug({ deleted }, 'TTL sweep deleted expired items');
        })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'TTL sweep failed'))
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.intervalMs);
  }

  private async sweepTable(table: string, attribute: string): Promise<number> {
    const described = await this.lock.read(() => this.dynalite.call('DescribeTable', { TableName: table }));
    if (!described.ok) {
      if (described.type.endsWith('ResourceNotFoundException')) await this.registry.set(table, undefined);
      return 0;
    }
    const tableDescription = described.value.Table as JsonObject | undefined;
    const keyNames = Array.isArray(tableDescription?.KeySchema) ? tableDescription.KeySchema.map((element: JsonObject) => String(element.AttributeName)) : [];
    const names: Record<string, string> = { '#ttl': attribute };
    keyNames.forEach((name, index) => (names[`#k${index}`] = name));
    const now = this.clock.now();
    let deleted = 0;
    let startKey: unknown;
    do {
      const page = await this.lock.read(() => this.dynalite.call('Scan', {
        TableName: table,
        ProjectionExpression: Object.keys(names).join(', '),
        ExpressionAttributeNames: names,
        ...(startKey !== undefined ? { ExclusiveStartKey: startKey } : {}),
      }));
      if (!page.ok) return deleted;
      const items = Array.isArray(page.value.Items) ? (page.value.Items as JsonObject[]) : [];
      for (const item of items) {
        if (!isExpired(item[attribute], now)) continue;
        const key = Object.fromEntries(keyNames.map((name) => [name, item[name]]));
        // The condition keeps an item whose TTL was moved since the scan.
        const result = await this.lock.read(() => this.dynalite.call('DeleteItem', {
          TableName: table,
          Key: key,
          ConditionExpression: '#ttl = :ttl',
          ExpressionAttributeNames: { '#ttl': attribute },
          ExpressionAttributeValues: { ':ttl': item[attribute] },
        }));
        if (result.ok) deleted++;
      }
      startKey = page.value.LastEvaluatedKey;
    } while (startKey !== undefined && !this.stopped);
    return deleted;
  }
}

function isExpired(value: unknown, now: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const number = (value as { N?: unknown }).N;
  if (typeof number !== 'string') return false;
  const expiresAt = Number(number) * 1000;
  return Number.isFinite(expiresAt) && expiresAt <= now && expiresAt > now - FIVE_YEARS_MS;
}
