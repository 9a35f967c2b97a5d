import type { Retrier } from '../definition/types';

/**
 * Milliseconds to wait before retry number `attempt` (0 for the first retry) of a retrier,
 * or undefined when its MaxAttempts are spent.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error
 */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number): number | undefined {
  const maxAttempts = retrier.MaxAttempts ?? 3;
  if (attempt >= maxAttempts) return undefined;
  const interval = retrier.IntervalSeconds ?? 1;
  const backoff = retrier.BackoffRate ?? 2;
  let seconds = interval * Math.pow(backoff, attempt);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}
