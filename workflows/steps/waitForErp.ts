import { BILLING_ERRORS } from '../../contracts/billingErrors';
import type { Catcher, Jsonata } from '../asl/types';
import { CAPTURE_BILLING_ERROR } from './captureBillingError';

/** Redundant refusals a company's month waits out before it fails (each names its own wait). */
export const MAX_REDUNDANT_WAITS = 3;
/** The longest wait a refusal may ask for (Omie's window is 60 s). */
export const MAX_REDUNDANT_WAIT_SECONDS = 120;

/**
 * The seconds an `Erp.Redundant` names (its message starts `wait N s`: the Lambda's cause is
 * `{errorType, errorMessage}`), bounded to 1..120; Omie's 60 s window when it names none.
 */
const REDUNDANT_SECONDS: Jsonata = `{% (
  $cause := $states.errorOutput.Cause;
  $message := ($type($cause) = "string" and $contains($cause, /^\\s*\\{/)) ? $parse($cause).errorMessage : $cause;
  $seconds := $number($match($message, /^wait (\\d+) s/)[0].groups[0]);
  $exists($seconds) ? $min([$max([$seconds, 1]), ${MAX_REDUNDANT_WAIT_SECONDS}]) : 60
) %}`;

/**
 * Catches the ERP's "consumo redundante" (nothing written) into a wait of the seconds it names:
 * a Retrier's intervals are fixed in the definition and cannot read the error, and the seed's
 * 1-2-3 s retries all fall inside Omie's 60 s window. Counts the waits in `$redundantWaits`.
 */
export function catchRedundant<const Next extends string>(next: Next): Catcher<Next> {
  return {
    ErrorEquals: [BILLING_ERRORS.ErpRedundant],
    Next: next,
    Assign: { error: CAPTURE_BILLING_ERROR, erpWaitSeconds: REDUNDANT_SECONDS, redundantWaits: '{% $redundantWaits + 1 %}' },
  };
}

/** Whether the company has waited out enough refusals: past {@link MAX_REDUNDANT_WAITS}, its month fails. */
export const TOO_MANY_REDUNDANT_WAITS: Jsonata = `{% $redundantWaits > ${MAX_REDUNDANT_WAITS} %}`;

/** The Wait state's seconds: what the refusal named. */
export const ERP_WAIT_SECONDS: Jsonata = '{% $erpWaitSeconds %}';
