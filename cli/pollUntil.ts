import { setTimeout as sleep } from 'node:timers/promises';

/** How {@link pollUntil} polls. */
export interface PollOptions<T> {
  /** Gives up after this long. */
  readonly timeoutSeconds: number;
  /** Between reads. */
  readonly pollMs?: number;
  /** Told each reading that differs from the last one told (the first one too). */
  readonly onChange?: (value: T) => void;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default node:timers/promises setTimeout */
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/** What one kind of wait reads, when it is over, and what tells two readings apart. */
export interface PollTarget<T> {
  read(): Promise<T>;
  done(value: T): boolean;
  /** Readings with the same key are the same for {@link PollOptions.onChange}. */
  keyOf(value: T): string;
  /** The error thrown when the time runs out, from the last reading. */
  timedOut(last: T): Error;
  /** @default 1000 */
  readonly defaultPollMs?: number;
}

/** Reads until `done`, telling each change, or throws `timedOut` once `timeoutSeconds` have passed. */
export async function pollUntil<T>(target: PollTarget<T>, options: PollOptions<T>): Promise<T> {
  const now = options.now ?? Date.now;
  const pause = options.sleep ?? sleep;
  const deadline = now() + options.timeoutSeconds * 1000;
  let shown: string | undefined;
  for (;;) {
    const value = await target.read();
    const key = target.keyOf(value);
    if (key !== shown) {
      shown = key;
      options.onChange?.(value);
    }
    if (target.done(value)) return value;
    if (now() >= deadline) throw target.timedOut(value);
    await pause(options.pollMs ?? target.defaultPollMs ?? 1000);
  }
}
