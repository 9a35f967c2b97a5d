import type { Clock, TimerHandle } from './Clock';

interface PendingTimer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

/** A clock driven by hand: time moves only with {@link FakeClock.advance}. For tests. */
export class FakeClock implements Clock {
  private current: number;
  private readonly pending = new Map<number, PendingTimer>();
  private nextId = 1;

  public constructor(start = Date.parse('2026-01-01T00:00:00.000Z')) {
    this.current = start;
  }

  public now(): number {
    return this.current;
  }

  public toRealMs(ms: number): number {
    return ms;
  }

  public setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.pending.set(id, { id, at: this.current + Math.max(0, ms), fn });
    return { id };
  }

  public clearTimeout(handle: TimerHandle | undefined): void {
    if (handle !== undefined) this.pending.delete(handle.id);
  }

  public sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Delays of the timers now pending, in milliseconds from now, soonest first. */
  public pendingDelays(): number[] {
    return [...this.pending.values()].map((t) => t.at - this.current).sort((a, b) => a - b);
  }

  /**
   * Moves time forward by `ms`, firing due timers in order and letting promise callbacks
   * run between them (so chains of timers set by those callbacks fire too).
   */
  public async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await flushMicrotasks();
      const next = [...this.pending.values()].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (next === undefined) break;
      this.pending.delete(next.id);
      this.current = next.at;
      next.fn();
    }
    this.current = target;
    await flushMicrotasks();
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
