import type { Jsonata } from '../asl/types';

/**
 * `$error := {code, message}` from a caught error: a Lambda's cause is its runtime error
 * `{errorType, errorMessage}`, a failed emission's (startExecution.sync:2) the child's
 * DescribeExecution `{Error, Cause}`; anything else is plain text.
 */
export const CAPTURE_BILLING_ERROR: Jsonata = `{% (
  $cause := $states.errorOutput.Cause;
  $parsed := ($type($cause) = "string" and $contains($cause, /^\\s*\\{/)) ? $parse($cause) : {};
  {
    "code": $parsed.errorType ? $parsed.errorType : ($parsed.Error ? $parsed.Error : $states.errorOutput.Error),
    "message": $parsed.errorMessage ? $parsed.errorMessage : ($parsed.Cause ? $parsed.Cause : ($exists($cause) ? $cause : $states.errorOutput.Error))
  }
) %}`;

