import type { FailState } from '../../definition/types';
import { STATES_ERRORS, StatesError } from '../../errors/StatesError';
import { evaluateJsonataTemplate } from '../jsonata/evaluateJsonata';
import { evaluateDollarValue, resolvePath } from '../jsonpath/jsonPathSteps';
import { stateError, toJsonText, type StateInvocation } from '../StateInvocation';
import type { StateAction } from '../StepResult';

/**
 * Fail: ends its flow with Error and Cause (or ErrorPath/CausePath, or JSONata values).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html
 */
export const runFail: StateAction<FailState> = async (inv, rawInput) => {
  const { state } = inv;
  if (state.QueryLanguage === 'JSONata') {
    const error = state.Error === undefined ? undefined : await evaluateJsonataTemplate(inv, state.Error, { input: rawInput }, 'Error');
    const cause = state.Cause === undefined ? undefined : await evaluateJsonataTemplate(inv, state.Cause, { input: rawInput }, 'Cause');
    throw new FailStateError(asText(error), asText(cause));
  }
  const error = state.ErrorPath !== undefined ? pathText(inv, 'ErrorPath', state.ErrorPath, rawInput) : state.Error;
  const cause = state.CausePath !== undefined ? pathText(inv, 'CausePath', state.CausePath, rawInput) : state.Cause;
  throw new FailStateError(error, cause);
};

/** The failure a Fail state raises; error and cause may be absent, as in AWS's history. */
export class FailStateError extends StatesError {
  public constructor(
    public readonly errorName: string | undefined,
    public readonly causeText: string | undefined,
  ) {
    super(errorName ?? '', causeText ?? '');
    this.name = 'FailStateError';
  }
}

function pathText(inv: StateInvocation, field: string, path: string, input: unknown): string {
  if (!path.startsWith('$')) return String(evaluateDollarValue(inv, field, path, input));
  const result = resolvePath(inv, path, input);
  if (!result.found) {
    throw stateError(inv, STATES_ERRORS.Runtime, `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${toJsonText(input)}'`);
  }
  return asText(result.value) ?? '';
}

function asText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
