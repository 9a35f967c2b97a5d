import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { CITY_LIMITS_TTL_ATTRIBUTE, rateSlotKey } from '../../contracts/cityLimits';
import type { Clock } from '../../lib/clock/Clock';
import { abortableSleep } from '../../lib/clock/abortableSleep';
import { Mutex } from '../../lib/concurrency/Mutex';

/** What {@link RateSlots} needs. */
export interface RateSlotsOptions {
  readonly dynamodb: DynamoDBDocumentClient;
  readonly table: string;
  readonly clock: Clock;
  /** Breaks ties between slots free at the same time. */
  readonly random: () => number;
  /**
   * Real milliseconds added to every rate window: a call reaches the city some time after its
   * start is written (the write's answer, the event loop, the network), and that delay varies,
   * so two starts one window apart can arrive a little closer than that.
   */
  readonly guardMs: number;
}

interface CityRate {
  readonly mutex: Mutex;
  /** Real milliseconds before a slot can start another call. */
  readonly windowMs: number;
  /** The last start this task knows of, per slot (epoch ms; 0: none known). */
  readonly known: number[];
}

/** The item DynamoDB returns with a failed condition (`ReturnValuesOnConditionCheckFailure`), in its wire form. */
const StoredStartSchema = z.object({ startedAt: z.object({ N: z.string() }) });

/** The rate slot item lives on an hour after its window, then TTL deletes it. */
const TTL_MARGIN_SECONDS = 3_600;

/**
 * A city's `ratePerSecond` shared by every adapter task, as a sliding log in `CITY_LIMITS_TABLE`:
 * `ceil(rate)` slot items, each holding the start of the last call that used it, and a slot is
 * used again only a window of `ceil(rate) / rate` seconds later (conditional write). So no
 * window of that length, wherever it falls, holds more than `ceil(rate)` starts: for a whole
 * rate, never more than `rate` calls in any second (a counter per calendar second lets twice the
 * rate through across a second's boundary).
 *
 * Each task asks for one start of a city at a time (a local mutex, first come first served) and
 * remembers the slots' last starts, learnt from its own writes and from the item a failed
 * condition returns, so it writes only for a slot it believes free.
 */
export class RateSlots {
  private readonly cities = new Map<string, CityRate>();

  public constructor(private readonly options: RateSlotsOptions) {}

  /** Resolves once a call to `city` may start; rejects, having taken nothing, when `signal` aborts first. */
  public async take(city: string, ratePerSecond: number, signal: AbortSignal): Promise<void> {
    const rate = this.rateOf(city, ratePerSecond);
    const unlock = await rate.mutex.lock(signal);
    try {
      await this.takeSlot(city, rate, signal);
    } finally {
      unlock();
    }
  }

  private async takeSlot(city: string, rate: CityRate, signal: AbortSignal): Promise<void> {
    const { clock } = this.options;
    for (;;) {
      const slot = this.earliest(rate.known);
      const now = clock.now();
      const waitMs = (rate.known[slot] ?? 0) + rate.windowMs - now;
      if (waitMs > 0) {
        await abortableSleep(clock, toClockMs(clock, waitMs), signal);
        continue;
      }
      signal.throwIfAborted();
      const stored = await this.write(city, slot, now, now - rate.windowMs);
      if (stored === undefined) {
        const startedAt = await this.restampIfLate(city, slot, now, signal);
        if (startedAt !== undefined) {
          rate.known[slot] = startedAt;
          return;
        }
        // The write took a whole window: the slot may be another task's by now. Take one afresh.
        rate.known[slot] = now;
        continue;
      }
      // Another task used the slot meanwhile: remember when, and try the next one.
      rate.known[slot] = stored;
    }
  }

  /**
   * The start recorded is the time before its write; the call leaves after the write's answer.
   * A slow write (a busy store, a loaded host) would let the call leave much later than recorded,
   * and so closer to the slot's next call than a window: the guard covers a little of that, and
   * past half of it the start is written once more with the time now, conditional on still being
   * ours (as it is unless the write took a whole window). Resolves with the start that stands, or
   * undefined when the slot was lost meanwhile.
   */
  private async restampIfLate(city: string, slot: number, recorded: number, signal: AbortSignal): Promise<number | undefined> {
    const now = this.options.clock.now();
    if (now - recorded <= this.options.guardMs / 2) return recorded;
    signal.throwIfAborted();
    return (await this.restamp(city, slot, recorded, now)) ? now : undefined;
  }

  /** Moves the slot's start from `from` to `to` if it is still `from`; whether it was. */
  private async restamp(city: string, slot: number, from: number, to: number): Promise<boolean> {
    const { dynamodb, table } = this.options;
    try {
      await dynamodb.send(
        new UpdateCommand({
          TableName: table,
          Key: { city, slot: rateSlotKey(slot) },
          UpdateExpression: 'SET startedAt = :to',
          ConditionExpression: 'startedAt = :from',
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Writes the start into `slot` if its last one is not after `cutoff`; otherwise the stored start. */
  private async write(city: string, slot: number, now: number, cutoff: number): Promise<number | undefined> {
    const { dynamodb, table } = this.options;
    try {
      await dynamodb.send(
        new UpdateCommand({
          TableName: table,
          Key: { city, slot: rateSlotKey(slot) },
          UpdateExpression: 'SET startedAt = :now, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(startedAt) OR startedAt <= :cutoff',
          ExpressionAttributeNames: { '#ttl': CITY_LIMITS_TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': now, ':cutoff': cutoff, ':ttl': Math.ceil(now / 1000) + TTL_MARGIN_SECONDS },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return undefined;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = StoredStartSchema.safeParse(error.Item);
      // Without the item (a store that does not return it), wait a whole window from now.
      return stored.success ? Number(stored.data.startedAt.N) : now;
    }
  }

  /** The slot whose last known start is the oldest; among equals, one at random (tasks spread over them). */
  private earliest(known: readonly number[]): number {
    const oldest = Math.min(...known);
    const candidates = known.flatMap((startedAt, slot) => (startedAt === oldest ? [slot] : []));
    return candidates[Math.floor(this.options.random() * candidates.length)] ?? 0;
  }

  private rateOf(city: string, ratePerSecond: number): CityRate {
    let rate = this.cities.get(city);
    const slots = Math.ceil(ratePerSecond);
    const windowMs = this.options.clock.toRealMs((1000 * slots) / ratePerSecond) + this.options.guardMs;
    if (rate === undefined || rate.known.length !== slots || rate.windowMs !== windowMs) {
      rate = { mutex: rate?.mutex ?? new Mutex(), windowMs, known: Array.from({ length: slots }, () => 0) };
      this.cities.set(city, rate);
    }
    return rate;
  }
}

/** Real milliseconds as a duration of `clock` (a scaled clock's timers run faster than its `now`). */
export function toClockMs(clock: Clock, realMs: number): number {
  return (realMs * 1000) / clock.toRealMs(1000);
}
