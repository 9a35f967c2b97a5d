import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from 'pino';
import { CITY_LIMITS_TTL_ATTRIBUTE } from '../../contracts/cityLimits';
import { BACKLOG_TTL_SECONDS, backlogSlotKey, HEALTH_TTL_SECONDS, healthMinuteOf, healthSlotKey, latencyBucketOf, type CityBacklogItem, type LatencyBucketAttribute } from '../../contracts/municipalityHealth';
import type { Clock, TimerHandle } from '../../lib/clock/Clock';
import type { AdapterMetrics } from '../metrics/AdapterMetrics';
import type { CityBacklog, CityBacklogSnapshot } from './CityBacklog';
import { AmbiguousProviderError, ProviderError, RejectedProviderError, TransientProviderError } from '../providers/errors';

/** The reporter's tuning when not given. */
export const CITY_HEALTH_DEFAULTS = {
  /** AWS milliseconds between two writes of what was counted: the API sees a city's calls within this. */
  flushIntervalMs: 10_000,
  /** Minutes whose counts a failed write keeps for the next one; older ones are dropped (the API reads 15). */
  keepMinutes: 15,
} as const;

/** Options of {@link CityHealthReporter}. */
export interface CityHealthReporterOptions {
  readonly dynamodb: DynamoDBDocumentClient;
  /** `CITY_LIMITS_TABLE`: the health items share each city's partition with its limits (`health#` sort keys). */
  readonly table: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** @default 10_000 */
  readonly flushIntervalMs?: number;
  /** The messages waiting for each city's slot, reported at every flush. @default none reported */
  readonly backlog?: Pick<CityBacklog, 'snapshot'>;
  /** Names this task's backlog items (`backlog#{taskId}`). @default 'adapter' */
  readonly taskId?: string;
  /** Each flushed backlog as CityBacklog metrics too. @default none emitted */
  readonly metrics?: Pick<AdapterMetrics, 'backlog'>;
}

type Counts = { calls: number; errors: number; rejected: number; buckets: Map<LatencyBucketAttribute, number> };

/**
 * Counts this task's city calls per city and per minute (calls, calls the city did not answer,
 * rejections, a latency histogram) and adds them to the shared health items in
 * `CITY_LIMITS_TABLE` (`contracts/municipalityHealth.ts`) every few seconds, one `UpdateItem`
 * with atomic `ADD`s per city and minute, so every task's counts sum up whatever the number of
 * tasks. A write that fails is logged and its counts kept for the next one (a write that landed
 * but whose answer was lost is then counted twice: health figures, not invoices).
 * With each write it also reports this task's backlog per city (`backlog#{taskId}`, overwritten):
 * while messages wait for the city's slot, and once more with none when they are gone.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html#Expressions.UpdateExpressions.ADD
 */
export class CityHealthReporter {
  private readonly pending = new Map<string, { readonly city: string; readonly minute: string; readonly counts: Counts }>();
  private readonly flushIntervalMs: number;
  private timer: TimerHandle | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Cities whose last backlog report said something waits (or did not land): they get a report with none when drained. */
  private readonly backlogReported = new Set<string>();

  public constructor(private readonly options: CityHealthReporterOptions) {
    this.flushIntervalMs = options.flushIntervalMs ?? CITY_HEALTH_DEFAULTS.flushIntervalMs;
    if (!(this.flushIntervalMs > 0)) throw new RangeError(`flushIntervalMs must be positive, got ${this.flushIntervalMs}`);
  }

  /**
   * Counts one call to `city` that took `durationMs` and ended with `error` (none: answered).
   * Errors that are not the city's (anything but a ProviderError: a bug, an abort) are not counted.
   */
  public record(city: string, durationMs: number, error?: unknown): void {
    if (error !== undefined && !(error instanceof ProviderError)) return;
    const minute = healthMinuteOf(this.options.clock.now());
    const counts = this.countsOf(city, minute);
    counts.calls++;
    if (error instanceof TransientProviderError || error instanceof AmbiguousProviderError) counts.errors++;
    if (error instanceof RejectedProviderError) counts.rejected++;
    const bucket = latencyBucketOf(durationMs);
    counts.buckets.set(bucket, (counts.buckets.get(bucket) ?? 0) + 1);
  }

  /** Writes every `flushIntervalMs` until {@link stop}. */
  public start(): void {
    if (this.stopped || this.timer !== undefined) return;
    const tick = (): void => {
      this.timer = this.options.clock.setTimeout(() => {
        void this.flush().finally(() => {
          if (!this.stopped) tick();
        });
      }, this.flushIntervalMs);
    };
    tick();
  }

  /** Adds what was counted since the last write to the table; resolves once written (never rejects). */
  public flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  /** Stops the timer and writes what is left (the worker calls it once its in-flight calls are done). */
  public async stop(): Promise<void> {
    this.stopped = true;
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private countsOf(city: string, minute: string): Counts {
    const key = `${city}#${minute}`;
    let entry = this.pending.get(key);
    if (entry === undefined) {
      entry = { city, minute, counts: { calls: 0, errors: 0, rejected: 0, buckets: new Map() } };
      this.pending.set(key, entry);
    }
    return entry.counts;
  }

  private async writePending(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending.clear();
    await Promise.all([
      this.writeBacklog(),
      ...batch.map(async ({ city, minute, counts }) => {
        try {
          await this.write(city, minute, counts);
        } catch (error) {
          const oldest = healthMinuteOf(this.options.clock.now() - (CITY_HEALTH_DEFAULTS.keepMinutes - 1) * 60_000);
          this.options.logger.warn({ err: error, municipalityCode: city, minute, kept: minute >= oldest }, 'could not write the city health counts');
          if (minute >= oldest) this.merge(city, minute, counts);
        }
      }),
    ]);
  }

  private async writeBacklog(): Promise<void> {
    const { backlog, metrics, clock, logger } = this.options;
    if (backlog === undefined) return;
    const now = clock.now();
    const byCity = new Map<string, CityBacklogSnapshot>(backlog.snapshot().map((snapshot) => [snapshot.city, snapshot]));
    for (const city of this.backlogReported) if (!byCity.has(city)) byCity.set(city, { city, waiting: 0 });
    await Promise.all(
      [...byCity.values()].map(async ({ city, waiting, oldestSentAt }) => {
        metrics?.backlog(city, waiting, oldestSentAt === undefined ? 0 : now - oldestSentAt);
        const item: CityBacklogItem = {
          city,
          slot: backlogSlotKey(this.options.taskId ?? 'adapter'),
          waiting,
          ...(oldestSentAt !== undefined ? { oldestSentAt } : {}),
          reportedAt: now,
          ttl: Math.ceil(now / 1000) + BACKLOG_TTL_SECONDS,
        };
        try {
          await this.options.dynamodb.send(new PutCommand({ TableName: this.options.table, Item: item }));
          if (waiting > 0) this.backlogReported.add(city);
          else this.backlogReported.delete(city);
        } catch (error) {
          logger.warn({ err: error, municipalityCode: city, waiting }, 'could not write the city backlog');
          this.backlogReported.add(city);
        }
      }),
    );
  }

  private write(city: string, minute: string, counts: Counts): Promise<unknown> {
    const added: Array<[string, number]> = [['calls', counts.calls], ['errors', counts.errors], ['rejected', counts.rejected], ...counts.buckets.entries()];
    const names: Record<string, string> = { '#ttl': CITY_LIMITS_TTL_ATTRIBUTE };
    const values: Record<string, number> = { ':ttl': Math.ceil(Date.parse(minute) / 1000) + 60 + HEALTH_TTL_SECONDS };
    const adds = added.map(([attribute, value], index) => {
      names[`#a${index}`] = attribute;
      values[`:a${index}`] = value;
      return `#a${index} :a${index}`;
    });
    return this.options.dynamodb.send(
      new UpdateCommand({
        TableName: this.options.table,
        Key: { city, slot: healthSlotKey(minute) },
        UpdateExpression: `ADD ${adds.join(', ')} SET #ttl = :ttl`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  private merge(city: string, minute: string, counts: Counts): void {
    const into = this.countsOf(city, minute);
    into.calls += counts.calls;
    into.errors += counts.errors;
    into.rejected += counts.rejected;
    for (const [bucket, count] of counts.buckets) into.buckets.set(bucket, (into.buckets.get(bucket) ?? 0) + count);
  }
}
