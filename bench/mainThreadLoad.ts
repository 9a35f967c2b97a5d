import { PerformanceObserver, performance, type EventLoopUtilization } from 'node:perf_hooks';

/** How busy the main thread was over a phase: its event loop's utilisation and the time in GC. */
export interface MainThreadLoadFigures {
  /** Share of the phase's wall time the event loop ran code (0-1). */
  readonly utilisation: number;
  /** Milliseconds spent in garbage collection, all kinds, and the longest single pause. */
  readonly gcMs: number;
  readonly longestGcMs: number;
}

/**
 * Watches the main thread from `start()` to `stop()`: `performance.eventLoopUtilization` for how
 * busy the loop was, and the `gc` performance entries for how much of that went to the collector.
 * What tells a slow run from a fast one when the same work costs more CPU.
 */
export class MainThreadLoad {
  private gcMs = 0;
  private longestGcMs = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      this.gcMs += entry.duration;
      this.longestGcMs = Math.max(this.longestGcMs, entry.duration);
    }
  });

  private constructor(private readonly utilisationAtStart: EventLoopUtilization) {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  public static start(): MainThreadLoad {
    return new MainThreadLoad(performance.eventLoopUtilization());
  }

  public stop(): MainThreadLoadFigures {
    this.observer.disconnect();
    const { utilization } = performance.eventLoopUtilization(this.utilisationAtStart);
    return { utilisation: utilization, gcMs: this.gcMs, longestGcMs: this.longestGcMs };
  }
}
