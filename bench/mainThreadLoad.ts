import { constants, monitorEventLoopDelay, PerformanceObserver, performance, type EventLoopUtilization, type IntervalHistogram, type PerformanceEntry } from 'node:perf_hooks';

/** How busy the main thread was over a phase: its event loop's utilisation and the time in GC. */
export interface MainThreadLoadFigures {
  /** Share of the phase's wall time the event loop ran code (0-1). */
  readonly utilisation: number;
  /** Milliseconds spent in garbage collection, all kinds, and the longest single pause. */
  readonly gcMs: number;
  readonly longestGcMs: number;
  /** The longest pause of a young-generation collection (scavenge) and of a full one (mark-compact). */
  readonly longestMinorGcMs: number;
  readonly longestMajorGcMs: number;
  /** The interval between ticks of a 1 ms timer (`monitorEventLoopDelay`; 1 ms on a free loop), in ms: what work arriving at the loop waits for, plus that 1 ms. */
  readonly loopDelayMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
}

/**
 * Watches the main thread from `start()` to `stop()`: `performance.eventLoopUtilization` for how
 * busy the loop was, and the `gc` performance entries for how much of that went to the collector.
 * What tells a slow run from a fast one when the same work costs more CPU.
 */
export class MainThreadLoad {
  private gcMs = 0;
  private longestGcMs = 0;
  private longestMinorGcMs = 0;
  private longestMajorGcMs = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      this.gcMs += entry.duration;
      this.longestGcMs = Math.max(this.longestGcMs, entry.duration);
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) this.longestMinorGcMs = Math.max(this.longestMinorGcMs, entry.duration);
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) this.longestMajorGcMs = Math.max(this.longestMajorGcMs, entry.duration);
    }
  });

  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });

  private constructor(private readonly utilisationAtStart: EventLoopUtilization) {
    this.observer.observe({ entryTypes: ['gc'] });
    this.delay.enable();
  }

  public static start(): MainThreadLoad {
    return new MainThreadLoad(performance.eventLoopUtilization());
  }

  public stop(): MainThreadLoadFigures {
    this.observer.disconnect();
    this.delay.disable();
    const { utilization } = performance.eventLoopUtilization(this.utilisationAtStart);
    const ms = (ns: number): number => ns / 1e6;
    const loopDelayMs = { p50: ms(this.delay.percentile(50)), p95: ms(this.delay.percentile(95)), p99: ms(this.delay.percentile(99)), max: ms(this.delay.max) };
    return { utilisation: utilization, gcMs: this.gcMs, longestGcMs: this.longestGcMs, longestMinorGcMs: this.longestMinorGcMs, longestMajorGcMs: this.longestMajorGcMs, loopDelayMs };
  }
}
