import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock/Clock';
import { Semaphore } from '../../lib/concurrency/Semaphore';
import type { MunicipalityConfig } from '../../contracts/municipality';
import { CityLeases, type LeaseTiming } from './CityLeases';
import { LeaseTable } from './LeaseTable';
import { RateSlots } from './RateSlots';

/** The limiter's tuning when not given (milliseconds of AWS time unless said otherwise). */
export const CITY_LIMITER_DEFAULTS = {
  leaseMs: 30_000,
  renewAfterMs: 10_000,
  tickMs: 2_500,
  // As long as a waiting task's longest poll (maxPollMs): another task waits at most one of its own
  // polls more for a slot this task keeps idle, and a city called every few hundred milliseconds
  // keeps its slot rather than writing a take and a free (and often a Query) for every call.
  lingerMs: 200,
  maxHoldMs: 5_000,
  minPollMs: 20,
  maxPollMs: 200,
  rateGuardMs: 50,
} as const satisfies LeaseTiming & { readonly rateGuardMs: number };

/** Options of {@link CityLimiter}. */
export interface CityLimiterOptions extends Partial<LeaseTiming> {
  /** The shared table's client. */
  readonly dynamodb: DynamoDBDocumentClient;
  /** `CITY_LIMITS_TABLE`. */
  readonly table: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Jitter and tie-breaking. @default Math.random */
  readonly random?: () => number;
  /** This task as the others see it. @default `{hostname}-{pid}-{8 random hex}` */
  readonly taskId?: string;
  /** Real milliseconds added to each rate window, for the varying delay between a start and its arrival at the city. @default 50 */
  readonly rateGuardMs?: number;
}

/**
 * A city's limits shared by every adapter task: a slot of its `concurrency` (a lease in
 * `CITY_LIMITS_TABLE`, see {@link CityLeases}) and then a start of its `ratePerSecond` (see
 * {@link RateSlots}). A semaphore of `concurrency` permits per city stands in front, so this
 * task never asks the table for more slots than the city has, and its callers are served first
 * come first served.
 */
export class CityLimiter {
  private readonly semaphores = new Map<string, Semaphore>();
  private readonly leases: CityLeases;
  private readonly rates: RateSlots;

  public constructor(options: CityLimiterOptions) {
    const random = options.random ?? Math.random;
    const timing: LeaseTiming = {
      leaseMs: options.leaseMs ?? CITY_LIMITER_DEFAULTS.leaseMs,
      renewAfterMs: options.renewAfterMs ?? CITY_LIMITER_DEFAULTS.renewAfterMs,
      tickMs: options.tickMs ?? CITY_LIMITER_DEFAULTS.tickMs,
      lingerMs: options.lingerMs ?? CITY_LIMITER_DEFAULTS.lingerMs,
      maxHoldMs: options.maxHoldMs ?? CITY_LIMITER_DEFAULTS.maxHoldMs,
      minPollMs: options.minPollMs ?? CITY_LIMITER_DEFAULTS.minPollMs,
      maxPollMs: options.maxPollMs ?? CITY_LIMITER_DEFAULTS.maxPollMs,
    };
    if (!(timing.renewAfterMs + timing.tickMs < timing.leaseMs)) {
      throw new RangeError(`renewAfterMs + tickMs must be shorter than leaseMs, or a held lease expires before its renewal (${timing.renewAfterMs} + ${timing.tickMs} >= ${timing.leaseMs})`);
    }
    if (!(timing.minPollMs > 0 && timing.minPollMs <= timing.maxPollMs)) throw new RangeError(`0 < minPollMs <= maxPollMs, got ${timing.minPollMs} and ${timing.maxPollMs}`);
    const taskId = options.taskId ?? `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    const { clock, logger } = options;
    this.leases = new CityLeases({ table: new LeaseTable(options.dynamodb, options.table), clock, logger, random, taskId, timing });
    this.rates = new RateSlots({ dynamodb: options.dynamodb, table: options.table, clock, random, guardMs: options.rateGuardMs ?? CITY_LIMITER_DEFAULTS.rateGuardMs });
  }

  /**
   * Waits for a slot of the city and then a start of its rate; resolves with the release
   * function (calling it twice is harmless). Rejects, holding nothing, when `signal` aborts
   * while waiting; a DynamoDB error other than a failed condition rejects too.
   * `onQueued` is called when the caller must queue behind this task's own calls to the city
   * (all `concurrency` permits in use), and the function it returns once that wait is over.
   */
  public async acquire(municipality: Pick<MunicipalityConfig, 'code' | 'concurrency' | 'ratePerSecond'>, signal: AbortSignal, onQueued?: () => () => void): Promise<() => void> {
    const { code, concurrency, ratePerSecond } = municipality;
    const semaphore = this.semaphoreOf(code, concurrency);
    const dequeued = semaphore.inUse >= semaphore.permits && signal.aborted === false ? onQueued?.() : undefined;
    const permit = await semaphore.acquire(signal).finally(() => dequeued?.());
    const lease = await this.leases.obtain(code, concurrency, signal).catch((error: unknown) => {
      permit();
      throw error;
    });
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      // The lease first: the caller the permit wakes finds it idle and reuses it.
      this.leases.giveBack(lease);
      permit();
    };
    try {
      if (ratePerSecond !== undefined) await this.rates.take(code, ratePerSecond, signal);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  /** Calls to the city this task holds a slot for right now. */
  public inUse(code: string): number {
    return this.semaphores.get(code)?.inUse ?? 0;
  }

  /** Frees the slots kept idle and stops renewing; slots still in calls are freed as the calls end. */
  public stop(): Promise<void> {
    return this.leases.stop();
  }

  private semaphoreOf(code: string, concurrency: number): Semaphore {
    let semaphore = this.semaphores.get(code);
    if (semaphore === undefined) {
      semaphore = new Semaphore(concurrency);
      this.semaphores.set(code, semaphore);
    }
    return semaphore;
  }
}
