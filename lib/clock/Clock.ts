/** A timer handle returned by a {@link Clock}; opaque to callers. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * Time, injected. Every timer of the local cloud (SQS visibility and delays, Wait states, retry
 * backoff, heartbeats, TTL) and of the adapter worker (heartbeats, visibility extension, rate
 * limits, poll backoff, the shutdown grace period) goes through one of these, so tests drive time
 * by hand with a {@link FakeClock} and a local cloud compresses durations with a time scale.
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
