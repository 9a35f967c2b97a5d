import type { Catcher, Jsonata } from '../asl/types';

/**
 * `$error := {code, message}` from a caught error. The adapter's causes are JSON
 * `{code, message}` (the city's code, e.g. E160); others (States.Timeout) are plain text.
 */
export const CAPTURE_ERROR: Jsonata = `{% (
  $cause := $states.errorOutput.Cause;
  $isJson := $type($cause) = "string" and $contains($cause, /^\\s*\\{/);
  $isJson ? $merge([{"code": $states.errorOutput.Error, "message": $states.errorOutput.Error}, $parse($cause)])
          : {"code": $states.errorOutput.Error, "message": $exists($cause) ? $cause : $states.errorOutput.Error}
) %}`;

/** Catches these errors into `$error` and goes to `next`. */
export function catchInto<const Next extends string>(errors: readonly string[], next: Next): Catcher<Next> {
  return { ErrorEquals: errors, Next: next, Assign: { error: CAPTURE_ERROR } };
}
