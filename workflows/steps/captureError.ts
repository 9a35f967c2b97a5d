import type { Catcher, Jsonata } from '../asl/types';

/**
 * `$error := {code, message, kind}` from a caught error. The adapter's causes are JSON
 * `{code, message}` (the city's code, e.g. E160); others (States.Timeout) are plain text. `kind`
 * keeps the error caught (`Provider.Rejected`), which the city's code hides: whether the city
 * may have acted decides what ops may do with the invoice.
 */
export const CAPTURE_ERROR: Jsonata = `{% (
  $cause := $states.errorOutput.Cause;
  $isJson := $type($cause) = "string" and $contains($cause, /^\\s*\\{/);
  $isJson ? $merge([{"code": $states.errorOutput.Error, "message": $states.errorOutput.Error}, $parse($cause), {"kind": $states.errorOutput.Error}])
          : {"code": $states.errorOutput.Error, "message": $exists($cause) ? $cause : $states.errorOutput.Error, "kind": $states.errorOutput.Error}
) %}`;

/** Catches these errors into `$error` and goes to `next`. */
export function catchInto<const Next extends string>(errors: readonly string[], next: Next): Catcher<Next> {
  return { ErrorEquals: errors, Next: next, Assign: { error: CAPTURE_ERROR } };
}
