import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../lib/clock/Clock';
import { abortableSleep } from '../../lib/clock/abortableSleep';
import { raceAbort } from '../../lib/concurrency/raceAbort';
import type { LeaseKey, LeaseTable } from './LeaseTable';
import { toClockMs } from './RateSlots';

/** The timing of {@link CityLeases}, in milliseconds of the clock (AWS time). */
export interface LeaseTiming {
  /** How long a lease lasts unless renewed: how long a crashed task's slots stay taken. */
  readonly leaseMs: number;
  /** A held lease is renewed once it is this old. */
  readonly renewAfterMs: number;
  /** Between housekeeping rounds: renewals, and whether other tasks wait for a city this task holds. */
  readonly tickMs: number;
  /** A released lease nobody here wants is kept this long for the next call to the city, then freed. */
  readonly lingerMs: number;
  /** Held this long while other tasks wait for the city, a lease goes back to the table at its next release. */
  readonly maxHoldMs: number;
  /** The first wait between attempts at a full city, doubling up to `maxPollMs` (with jitter). */
  readonly minPollMs: number;
  readonly maxPollMs: number;
}

/** What {@link CityLeases} needs. */
export interface CityLeasesOptions {
  readonly table: LeaseTable;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly random: () => number;
  /** This task, as other tasks see it when it waits. */
  readonly taskId: string;
  readonly timing: LeaseTiming;
}

/** A concurrency slot of a city this task holds. */
export interface Lease extends LeaseKey {
  /** Epoch ms (real) the lease lasts until, as last written. */
  expiresAt: number;
  /** Epoch ms since when this task has held it (reset when nobody else waits). */
  heldSince: number;
  /** Goes back to the table at its next release: other tasks wait. */
  surrender: boolean;
  /** Its expiry passed and someone else may hold the slot: never renewed or released again. */
  lost: boolean;
}

interface IdleLease {
  readonly lease: Lease;
  readonly timer: TimerHandle;
}

interface CityState {
  /** Released leases kept for the next call (see `lingerMs`). */
  readonly idle: IdleLease[];
  /** Callers of this task waiting for a slot of the city, first come first served. */
  readonly waiters: Array<(lease: Lease) => void>;
  /** Epoch ms before which this task does not ask the table (it just made room for another task). */
  yieldUntil: number;
  lastWaitSignal: number;
  /** Epoch ms this task last found the city full: a blind pick is then likely taken, so it reads first. */
  lastFull: number;
  /** Slots this task is taking right now: its other callers pick others. */
  readonly trying: Set<number>;
  /** Slots this task is freeing right now: their items are there until the delete lands, so a blind pick of one would be refused. */
  readonly freeing: Set<number>;
}

/**
 * The concurrency slots this task holds in the shared table: taken from the table (polling with
 * backoff while the city is full), renewed in one round for all of them while calls run, and
 * reused for the next call to the same city rather than freed and taken again. Fair enough
 * between tasks: a task waiting for a full city signs in, and the tasks holding its slots give
 * back those held longer than `maxHoldMs`, then stay away from the table for one poll interval
 * so the waiter gets the slot.
 */
export class CityLeases {
  private readonly cities = new Map<string, CityState>();
  private readonly held = new Set<Lease>();
  private readonly pending = new Set<Promise<void>>();
  private tickTimer: TimerHandle | undefined;
  private nextHolder = 1;
  private stopped = false;

  public constructor(private readonly options: CityLeasesOptions) {}

  /** Leases held right now (in calls and idle). */
  public get size(): number {
    return this.held.size;
  }

  /**
   * A slot of `city` (below `slots`): an idle one of this task's, else one from the table, waiting
   * while the city is full. Rejects, holding nothing, when `signal` aborts first.
   */
  public obtain(city: string, slots: number, signal: AbortSignal): Promise<Lease> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const idle = this.state(city).idle.pop();
    if (idle !== undefined) {
      this.options.clock.clearTimeout(idle.timer);
      return Promise.resolve(idle.lease);
    }
    return this.wait(city, slots, signal);
  }

  /** Hands a lease back after a call: to a caller waiting here, kept idle for a moment, or freed. */
  public giveBack(lease: Lease): void {
    if (lease.lost) return;
    const state = this.state(lease.city);
    if (this.stopped || lease.surrender) {
      const freed = this.free(lease);
      if (lease.surrender && !this.stopped) {
        // Two poll intervals from the moment the slot is free in the table: a waiter asleep in its
        // backoff wakes within one, and its read and take have the other. Until then, the moment it was given up.
        const yieldFrom = (): void => {
          state.yieldUntil = Math.max(state.yieldUntil, this.options.clock.now() + 2 * this.options.clock.toRealMs(this.options.timing.maxPollMs));
        };
        yieldFrom();
        void freed.then(yieldFrom);
      }
      return;
    }
    const waiter = state.waiters.shift();
    if (waiter !== undefined) return waiter(lease);
    const timer = this.options.clock.setTimeout(() => {
      const index = state.idle.findIndex((entry) => entry.lease === lease);
      if (index < 0) return;
      state.idle.splice(index, 1);
      void this.free(lease);
    }, this.options.timing.lingerMs);
    state.idle.push({ lease, timer });
  }

  /** Frees the idle leases and stops renewing; leases still in calls are freed as they come back. */
  public async stop(): Promise<void> {
    this.stopped = true;
    this.options.clock.clearTimeout(this.tickTimer);
    this.tickTimer = undefined;
    for (const state of this.cities.values()) {
      for (const { lease, timer } of state.idle.splice(0)) {
        this.options.clock.clearTimeout(timer);
        void this.free(lease);
      }
    }
    await Promise.all([...this.pending]);
  }

  /** Waits for a lease given back here or taken from the table, whichever comes first. */
  private wait(city: string, slots: number, signal: AbortSignal): Promise<Lease> {
    const state = this.state(city);
    return new Promise<Lease>((resolve, reject) => {
      const polling = new AbortController();
      let settled = false;
      const settle = (): void => {
        settled = true;
        polling.abort();
        signal.removeEventListener('abort', onAbort);
        const index = state.waiters.indexOf(handOver);
        if (index >= 0) state.waiters.splice(index, 1);
      };
      const handOver = (lease: Lease): void => {
        // A lease that comes once this caller has one (or gave up) goes on to the next.
        if (settled) return this.giveBack(lease);
        settle();
        resolve(lease);
      };
      const onAbort = (): void => {
        if (settled) return;
        settle();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      state.waiters.push(handOver);
      this.poll(city, slots, polling.signal).then(
        (lease) => {
          if (lease !== undefined) handOver(lease);
        },
        (error: unknown) => {
          if (settled) return;
          settle();
          reject(error);
        },
      );
    });
  }

  /** Asks the table until it gives a slot; undefined once `stop` aborts. */
  private async poll(city: string, slots: number, stop: AbortSignal): Promise<Lease | undefined> {
    const { clock, timing, random } = this.options;
    const state = this.state(city);
    try {
      for (let attempt = 0; ; attempt++) {
        const yieldMs = state.yieldUntil - clock.now();
        if (yieldMs > 0) await abortableSleep(clock, toClockMs(clock, yieldMs), stop);
        // The table is not abortable mid-call: a slot it grants after the caller gave up is handed on.
        const blind = attempt === 0 && clock.now() - state.lastFull > clock.toRealMs(timing.tickMs);
        const lease = await raceAbort(this.tryTable(city, slots, blind), stop, {
          onAbandoned: (late) => void late.then((taken) => taken !== undefined && this.giveBack(taken), () => undefined),
        });
        if (lease !== undefined) return lease;
        state.lastFull = clock.now();
        await this.signalWaiting(city);
        const backoff = Math.min(timing.maxPollMs, timing.minPollMs * 2 ** Math.min(attempt, 20));
        await abortableSleep(clock, backoff * (0.5 + random() / 2), stop);
      }
    } catch (error) {
      if (stop.aborted) return undefined;
      throw error;
    }
  }

  /**
   * One attempt: first a slot picked blind (no read) unless the city was found full lately, then
   * the slots a read finds free. Never a slot this task holds or is taking for another caller.
   */
  private async tryTable(city: string, slots: number, blind: boolean): Promise<Lease | undefined> {
    const { clock, table, random } = this.options;
    const state = this.state(city);
    const ours = (n: number): boolean => state.trying.has(n) || [...this.held].some((lease) => lease.city === city && lease.slot === n);
    if (blind) {
      // Nor one being freed: its item is still there until the delete lands. The read below sees when it has.
      const candidates = Array.from({ length: slots }, (_, n) => n).filter((n) => !ours(n) && !state.freeing.has(n));
      const guess = candidates[Math.floor(random() * candidates.length)];
      const lease = guess !== undefined ? await this.take(city, guess) : undefined;
      if (lease !== undefined) return lease;
    }
    const free = await table.freeSlots(city, slots, clock.now());
    for (const slot of shuffle(free, random)) {
      if (ours(slot)) continue;
      const lease = await this.take(city, slot);
      if (lease !== undefined) return lease;
    }
    return undefined;
  }

  private async take(city: string, slot: number): Promise<Lease | undefined> {
    const { clock, table, taskId, timing } = this.options;
    const { trying, yieldUntil } = this.state(city);
    const now = clock.now();
    // This task gave a slot of the city up to a task waiting for it: the table is the waiter's until
    // then, even for an attempt that began before (its read may have seen the slot just freed).
    if (now < yieldUntil) return undefined;
    // A name per attempt, even one refused: concurrent attempts of this task never share one.
    const lease: Lease = { city, slot, holder: `${taskId}#${this.nextHolder++}`, expiresAt: now + clock.toRealMs(timing.leaseMs), heldSince: now, surrender: false, lost: false };
    trying.add(slot);
    try {
      if (!(await table.take(lease, now, lease.expiresAt))) return undefined;
    } finally {
      trying.delete(slot);
    }
    this.held.add(lease);
    this.scheduleTick();
    return lease;
  }

  /** Tells the holders this task waits (at most once a tick per city). */
  private async signalWaiting(city: string): Promise<void> {
    const { clock, table, taskId, timing, logger } = this.options;
    const state = this.state(city);
    const now = clock.now();
    if (now - state.lastWaitSignal < clock.toRealMs(timing.tickMs)) return;
    state.lastWaitSignal = now;
    try {
      await table.signalWaiting(city, taskId, now + clock.toRealMs(2 * timing.tickMs));
    } catch (error) {
      logger.warn({ err: error, municipalityCode: city }, 'could not sign in as waiting for the city');
    }
  }

  /** Deletes the lease from the table; resolves once the table answered (or refused: the lease then expires). */
  private free(lease: Lease): Promise<void> {
    this.held.delete(lease);
    const { freeing } = this.state(lease.city);
    freeing.add(lease.slot);
    const release = this.options.table
      .release(lease)
      .catch((error: unknown) => {
        // Left held, the slot comes back when the lease expires.
        this.options.logger.warn({ err: error, municipalityCode: lease.city, slot: lease.slot }, 'could not release a city slot: it frees when its lease expires');
      })
      .finally(() => freeing.delete(lease.slot));
    this.pending.add(release);
    void release.finally(() => this.pending.delete(release));
    return release;
  }

  private scheduleTick(): void {
    if (this.tickTimer !== undefined || this.stopped) return;
    this.tickTimer = this.options.clock.setTimeout(() => {
      const round = this.tick().catch((error: unknown) => this.options.logger.error({ err: error }, 'city lease housekeeping failed'));
      this.pending.add(round);
      void round.finally(() => {
        this.pending.delete(round);
        this.tickTimer = undefined;
        if (this.held.size > 0) this.scheduleTick();
      });
    }, this.options.timing.tickMs);
  }

  /** Renews the leases due, in one round, and marks for surrender those that others wait for. */
  private async tick(): Promise<void> {
    const { clock, table, timing, taskId, logger } = this.options;
    const now = clock.now();
    const leaseReal = clock.toRealMs(timing.leaseMs);
    const due = [...this.held].filter((lease) => lease.expiresAt - now <= leaseReal - clock.toRealMs(timing.renewAfterMs));
    await Promise.all(
      due.map(async (lease) => {
        const expiresAt = clock.now() + leaseReal;
        try {
          if (await table.renew(lease, expiresAt)) {
            lease.expiresAt = expiresAt;
            return;
          }
        } catch (error) {
          logger.warn({ err: error, municipalityCode: lease.city, slot: lease.slot }, 'could not renew a city slot: trying again next round');
          return;
        }
        this.lose(lease);
      }),
    );
    const longHeld = [...this.held].filter((lease) => now - lease.heldSince >= clock.toRealMs(timing.maxHoldMs));
    for (const city of new Set(longHeld.map((lease) => lease.city))) {
      let waited: boolean;
      try {
        waited = await table.othersWaiting(city, taskId, clock.now());
      } catch (error) {
        logger.warn({ err: error, municipalityCode: city }, 'could not read who waits for the city');
        continue;
      }
      for (const lease of longHeld.filter((l) => l.city === city)) {
        if (!waited) {
          lease.heldSince = clock.now();
          continue;
        }
        lease.surrender = true;
        const state = this.state(city);
        const idle = state.idle.findIndex((entry) => entry.lease === lease);
        if (idle >= 0) {
          const [entry] = state.idle.splice(idle, 1);
          this.options.clock.clearTimeout(entry?.timer);
          this.giveBack(lease);
        }
      }
    }
  }

  /** The lease expired and may be another task's now: the call it covers runs on, but the slot is no longer counted as ours. */
  private lose(lease: Lease): void {
    // Freed while its renewal was on the way: the refusal only says the item is gone.
    if (!this.held.has(lease)) return;
    lease.lost = true;
    this.held.delete(lease);
    const state = this.state(lease.city);
    const idle = state.idle.findIndex((entry) => entry.lease === lease);
    if (idle >= 0) this.options.clock.clearTimeout(state.idle.splice(idle, 1)[0]?.timer);
    this.options.logger.error({ municipalityCode: lease.city, slot: lease.slot }, 'a city slot expired while held (renewals failed): the city may see one call more than its limit');
  }

  private state(city: string): CityState {
    let state = this.cities.get(city);
    if (state === undefined) {
      state = { idle: [], waiters: [], yieldUntil: 0, lastWaitSignal: Number.NEGATIVE_INFINITY, lastFull: Number.NEGATIVE_INFINITY, trying: new Set(), freeing: new Set() };
      this.cities.set(city, state);
    }
    return state;
  }
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
