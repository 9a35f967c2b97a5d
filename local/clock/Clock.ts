/** A timer handle returned by a {@link Clock}; opaque to callers. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * Time for the local cloud. Every timer of every local service (SQS visibility and delays,
 * Wait states, retry backoff, heartbeats, TTL) goes through one of these, so tests and demos
 * can compress durations with a time scale or drive them by hand with a fake clock.
 */
export interface Clock {
  /** Wall-clock milliseconds since the epoch (not scaled: timestamps stay real). */
  now(): number;
  /** Runs `fn` after `ms` milliseconds of AWS time (scaled by the clock's time scale). */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  /** Resolves after `ms` milliseconds of AWS time. */
  sleep(ms: number): Promise<void>;
  /** Real milliseconds that `ms` of AWS time take on this clock. */
  toRealMs(ms: number): number;
}
