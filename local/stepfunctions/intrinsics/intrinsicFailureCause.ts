import type { StatesError } from '../errors/StatesError';

/**
 * The cause AWS records for a failed intrinsic: the engine's usual state prefix, then the text
 * `evaluateIntrinsic` threw, e.g.
 * `An error occurred while executing the state 'Pick' (entered at the event id #2). The function
 * 'States.Format('{}', $.nope)' had the following error: The JsonPath argument for the field
 * '$.nope' could not be found in the input '{"other":1}'`.
 * AWS names the expression, not the field it was written in, so `fieldName` does not appear.
 */
export function intrinsicFailureCause(
  stateName: string,
  enteredEventId: number,
  _fieldName: string | undefined,
  inner: StatesError | string,
): string {
  const cause = typeof inner === 'string' ? inner : inner.cause;
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${cause}`;
}
