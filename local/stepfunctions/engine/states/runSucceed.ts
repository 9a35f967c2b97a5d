import type { SucceedState } from '../../definition/types';
import { effectiveInput, stateOutput } from '../stateIO';
import type { StateAction } from '../StepResult';

/**
 * Succeed: ends its flow successfully with its (filtered) input.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-succeed.html
 */
export const runSucceed: StateAction<SucceedState> = (inv, rawInput) => {
  const input = effectiveInput(inv, rawInput);
  const output = stateOutput(inv, rawInput, input, { hasResult: false });
  return output instanceof Promise ? output.then((value) => ({ output: value })) : { output };
};
