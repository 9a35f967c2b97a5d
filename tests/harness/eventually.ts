/** How {@link eventually} polls. */
export interface EventuallyOptions {
  /** How long to keep trying before failing. @default 20_000 */
  readonly timeoutMs?: number;
  /** The pause between two probes. @default 50 */
  readonly intervalMs?: number;
}

/** What is awaited; a function when what to say is known only once it has failed (the processes still there). */
type What = string | (() => string);

/**
 * Polls `probe` until `ok` holds for its value and answers that value; throws naming `what` and
 * the last value once `timeoutMs` has passed. The one polling loop of the suites: a test waits
 * for what it can observe, never for a fixed time.
 */
export async function eventually<T, Wanted extends T>(what: What, probe: () => T | Promise<T>, ok: (value: T) => value is Wanted, options?: EventuallyOptions): Promise<Wanted>;
export async function eventually<T>(what: What, probe: () => T | Promise<T>, ok: (value: T) => boolean, options?: EventuallyOptions): Promise<T>;
export async function eventually<T>(what: What, probe: () => T | Promise<T>, ok: (value: T) => boolean, options: EventuallyOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${typeof what === 'string' ? what : what()}: still not there after ${timeoutMs} ms (last value ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
