/** A counting semaphore: at most `permits` holders at once, waiters served first come first served. */
export class Semaphore {
  private available: number;
  private readonly waiters: Array<() => void> = [];

  public constructor(public readonly permits: number) {
    if (!Number.isInteger(permits) || permits < 1) throw new RangeError(`permits must be a positive integer, got ${permits}`);
    this.available = permits;
  }

  /** Holders right now. */
  public get inUse(): number {
    return this.permits - this.available;
  }

  /** Callers waiting for a permit. */
  public get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Resolves with a release function once a permit is free; rejects if `signal` aborts first
   * (the waiter is removed, no permit is taken).
   */
  public acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted === true) return Promise.reject(abortReason(signal));
    if (this.available > 0) {
      this.available--;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.releaser());
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(abortReason(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(grant);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      // The permit passes straight to the next waiter, so `available` only grows when none waits.
      if (next !== undefined) next();
      else this.available++;
    };
  }
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new Error('aborted');
}
