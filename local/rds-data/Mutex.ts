/** A first-come, first-served lock: PGlite has one session, so one request or transaction at a time. */
export class Mutex {
  private locked = false;
  private readonly waiters: Array<() => void> = [];

  /** Resolves once the lock is ours; call the returned function to hand it on. */
  public async lock(): Promise<() => void> {
    if (this.locked) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.locked = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next !== undefined) next();
      else this.locked = false;
    };
  }

  /** How many callers wait for the lock. */
  public get waiting(): number {
    return this.waiters.length;
  }
}
