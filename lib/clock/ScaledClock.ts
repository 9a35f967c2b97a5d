import type { Clock, TimerHandle } from './Clock';

/** Options of {@link ScaledClock}. */
export interface ScaledClockOptions {
  /**
   * Multiplies every duration: 0.01 makes a 60-second timer fire after 0.6 s.
   * @default 1
   */
  readonly timeScale?: number;
}

/**
 * The real clock, with durations multiplied by a time scale: an adapter spawned by a local cloud
 * running at timeScale 0.1 heartbeats every 2 s instead of 20 s, in step with the cloud's timers.
 * Its timers are unref'd: a pending timer alone never keeps a process alive.
 */
export class ScaledClock implements Clock {
  public readonly timeScale: number;
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private nextId = 1;

  public constructor(options: ScaledClockOptions = {}) {
    const timeScale = options.timeScale ?? 1;
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
      throw new RangeError(`timeScale must be a positive number, got ${String(options.timeScale)}`);
    }
    this.timeScale = timeScale;
  }

  public now(): number {
    return Date.now();
  }

  public toRealMs(ms: number): number {
    return Math.max(0, ms * this.timeScale);
  }

  public setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, this.toRealMs(ms));
    timer.unref?.();
    this.timers.set(id, timer);
    return { id };
  }

  public clearTimeout(handle: TimerHandle | undefined): void {
    if (handle === undefined) return;
    const timer = this.timers.get(handle.id);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(handle.id);
  }

  public sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.toRealMs(ms));
      timer.unref?.();
    });
  }

  /** Cancels every pending timer (used on shutdown). */
  public clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
