const ALL = 'States.ALL';

/** The longest MaxDelaySeconds AWS accepts (exclusive). */
const MAX_DELAY_LIMIT = 31_622_401;

/**
 * The rules of Retry and Catch that asl-validator leaves out: `States.ALL` must appear alone in its
 * ErrorEquals and in the last retrier or catcher (so a wildcard never hides a later, more specific
 * one), BackoffRate is at least 1.0, MaxDelaySeconds is a positive integer below 31622401, and
 * JitterStrategy is FULL or NONE.
 * @see https://states-language.net/spec.html#retrying-after-error
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
export function checkErrorHandling(raw: Readonly<Record<string, unknown>>, at: string, problems: string[]): void {
  checkWildcards(raw.Retry, `${at}/Retry`, 'retrier', problems);
  checkWildcards(raw.Catch, `${at}/Catch`, 'catcher', problems);
  if (!Array.isArray(raw.Retry)) return;
  raw.Retry.forEach((retrier: unknown, i) => {
    if (typeof retrier !== 'object' || retrier === null) return;
    const { BackoffRate, MaxDelaySeconds, JitterStrategy } = retrier as Record<string, unknown>;
    const where = `${at}/Retry/${i}`;
    if (typeof BackoffRate === 'number' && BackoffRate < 1) problems.push(`SCHEMA_VALIDATION_FAILED: The field 'BackoffRate' must be at least 1.0 at ${where}/BackoffRate`);
    if (MaxDelaySeconds !== undefined && !(typeof MaxDelaySeconds === 'number' && Number.isInteger(MaxDelaySeconds) && MaxDelaySeconds > 0 && MaxDelaySeconds < MAX_DELAY_LIMIT)) {
      problems.push(`SCHEMA_VALIDATION_FAILED: The field 'MaxDelaySeconds' must be an integer from 1 to ${MAX_DELAY_LIMIT - 1} at ${where}/MaxDelaySeconds`);
    }
    if (JitterStrategy !== undefined && JitterStrategy !== 'FULL' && JitterStrategy !== 'NONE') {
      problems.push(`SCHEMA_VALIDATION_FAILED: The field 'JitterStrategy' must be FULL or NONE at ${where}/JitterStrategy`);
    }
  });
}

function checkWildcards(list: unknown, at: string, kind: 'retrier' | 'catcher', problems: string[]): void {
  if (!Array.isArray(list)) return;
  list.forEach((entry: unknown, i) => {
    const errorEquals = typeof entry === 'object' && entry !== null ? (entry as { ErrorEquals?: unknown }).ErrorEquals : undefined;
    if (!Array.isArray(errorEquals) || !errorEquals.includes(ALL)) return;
    if (errorEquals.length > 1) problems.push(`SCHEMA_VALIDATION_FAILED: '${ALL}' must appear alone in ErrorEquals at ${at}/${i}/ErrorEquals`);
    if (i !== list.length - 1) problems.push(`SCHEMA_VALIDATION_FAILED: The ${kind} with '${ALL}' must be the last one at ${at}/${i}`);
  });
}
