import { Semaphore } from './Semaphore';

/**
 * A first-come, first-served lock: a {@link Semaphore} of one permit, for a resource that takes
 * one user at a time (PGlite has one session: one request or transaction at a time).
 */
export class Mutex {
  private readonly semaphore = new Semaphore(1);

  /**
   * Resolves once the lock is ours with the function that hands it on (calling it twice is
   * harmless); rejects, holding nothing, when `signal` aborts first.
   */
  public lock(signal?: AbortSignal): Promise<() => void> {
    return this.semaphore.acquire(signal);
  }

  /** Whether someone holds the lock. */
  public get locked(): boolean {
    return this.semaphore.inUse > 0;
  }

  /** How many callers wait for the lock. */
  public get waiting(): number {
    return this.semaphore.waiting;
  }
}
