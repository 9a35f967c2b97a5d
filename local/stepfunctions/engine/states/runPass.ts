import type { PassState } from '../../definition/types';
import { evaluatePayloadTemplate } from '../jsonpath/jsonPathSteps';
import { effectiveInput, jsonPathOutput, stateOutput } from '../stateIO';
import { transition, type StateAction } from '../StepResult';

/** Whether a JSONPath Pass only hands its input on (no path, template or Assign), decided once per state. */
const PLAIN = new WeakMap<PassState, boolean>();

function isPlain(state: PassState): boolean {
  let plain = PLAIN.get(state);
  if (plain === undefined) {
    plain = state.InputPath === undefined && state.OutputPath === undefined && state.ResultPath === undefined && state.Result === undefined && state.Parameters === undefined && state.Assign === undefined;
    PLAIN.set(state, plain);
  }
  return plain;
}

/**
 * Pass: its result is `Result`, else `Parameters` applied to the input, else the input.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html
 */
export const runPass: StateAction<PassState> = (inv, rawInput) => {
  const { state } = inv;
  if (state.QueryLanguage === 'JSONata') {
    return Promise.resolve(stateOutput(inv, rawInput, rawInput, { hasResult: false })).then((output) => transition(state, output));
  }
  if (isPlain(state)) return transition(state, rawInput);
  const input = effectiveInput(inv, rawInput);
  let result: unknown;
  if (state.Result !== undefined) result = state.Result;
  else if (state.Parameters !== undefined) result = evaluatePayloadTemplate(inv, state.Parameters, input);
  else result = input;
  return transition(state, jsonPathOutput(inv, rawInput, result));
};
