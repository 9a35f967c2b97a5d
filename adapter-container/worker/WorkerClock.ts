/** A timer handle returned by a {@link WorkerClock}; opaque to callers. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * Time for the worker: heartbeats, visibility extension, rate limits, poll backoff and the
 * shutdown grace period all go through it, so tests drive time by hand instead of sleeping.
 * (Same shape as the local cloud's `Clock`, which production code must not import.)
 */
export interface WorkerClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` after `ms` milliseconds (scaled by the clock's time scale). */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/**
 * The real clock. `timeScale` multiplies every duration, so an adapter spawned by a local cloud
 * running at timeScale 0.1 heartbeats every 2 s instead of 20 s, in step with the cloud's timers.
 */
export class SystemClock implements WorkerClock {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private nextId = 1;

  public constructor(public readonly timeScale = 1) {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
  }

  public now(): number {
    return Date.now();
  }

  public setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, Math.max(0, ms * this.timeScale));
    this.timers.set(id, timer);
    return { id };
  }

  public clearTimeout(handle: TimerHandle | undefined): void {
    if (handle === undefined) return;
    clearTimeout(this.timers.get(handle.id));
    this.timers.delete(handle.id);
  }

  public sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }
}
