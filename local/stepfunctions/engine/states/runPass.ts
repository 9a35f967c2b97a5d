import type { PassState } from '../../definition/types';
import { evaluatePayloadTemplate } from '../jsonpath/jsonPathSteps';
import { effectiveInput, jsonPathOutput, stateOutput } from '../stateIO';
import { transition, type StateAction } from '../StepResult';

/**
 * Pass: its result is `Result`, else `Parameters` applied to the input, else the input.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html
 */
export const runPass: StateAction<PassState> = (inv, rawInput) => {
  const { state } = inv;
  if (state.QueryLanguage === 'JSONata') {
    return Promise.resolve(stateOutput(inv, rawInput, rawInput, { hasResult: false })).then((output) => transition(state, output));
  }
  const input = effectiveInput(inv, rawInput);
  let result: unknown;
  if (state.Result !== undefined) result = state.Result;
  else if (state.Parameters !== undefined) result = evaluatePayloadTemplate(inv, state.Parameters, input);
  else result = input;
  return transition(state, jsonPathOutput(inv, rawInput, result));
};
