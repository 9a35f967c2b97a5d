import { FAILURE_KINDS, FailNextSchema, type FailNext, type FailureKind, type ProviderMockKnobs } from './mockKnobs';

interface PendingFailure {
  readonly kind: FailureKind;
  remaining: number;
  readonly operations?: readonly string[];
}

/**
 * Decides which calls fail and how: first the deterministic "fail the next N calls" queue (for
 * tests), then the random error rates (for demos and benchmarks).
 */
export class FaultPlan {
  private queue: PendingFailure[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  /** Queues `count` failures of `kind` (optionally only for these operations). */
  failNext(request: FailNext): void {
    const parsed = FailNextSchema.parse(request);
    this.queue.push({ kind: parsed.kind, remaining: parsed.count, operations: parsed.operations });
  }

  /** The failure to inject into this call, if any. */
  next(operation: string, knobs: ProviderMockKnobs): FailureKind | undefined {
    const queued = this.queue.find((entry) => entry.operations === undefined || entry.operations.includes(operation));
    if (queued !== undefined) {
      queued.remaining -= 1;
      if (queued.remaining <= 0) this.queue = this.queue.filter((entry) => entry !== queued);
      return queued.kind;
    }
    if (!(knobs.errorOperations as readonly string[]).includes(operation)) return undefined;
    for (const kind of FAILURE_KINDS) {
      const rate = knobs.errorRates[kind];
      if (rate > 0 && this.random() < rate) return kind;
    }
    return undefined;
  }

  /** Failures still queued. */
  pending(): number {
    return this.queue.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  clear(): void {
    this.queue = [];
  }
}
