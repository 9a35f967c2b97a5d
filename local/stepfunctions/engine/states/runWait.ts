import type { WaitState } from '../../definition/types';
import { parseRfc3339 } from '../../definition/rfc3339';
import { STATES_ERRORS } from '../../errors/StatesError';
import { evaluateJsonataTemplate } from '../jsonata/evaluateJsonata';
import { resolvePath } from '../jsonpath/jsonPathSteps';
import { abortableSleep } from '../abortableSleep';
import { elapsedAwsMs } from '../elapsedAwsMs';
import { stateError, type StateInvocation } from '../StateInvocation';
import { effectiveInput, stateOutput } from '../stateIO';
import { transition, type StateAction } from '../StepResult';

/**
 * Wait: Seconds, Timestamp, SecondsPath or TimestampPath (JSONata: Seconds/Timestamp expressions).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
 */
export const runWait: StateAction<WaitState> = async (inv, rawInput) => {
  const input = effectiveInput(inv, rawInput);
  const delayMs = await waitDelayMs(inv, rawInput, input);
  await abortableSleep(inv.flow.runtime.deps.clock, delayMs, inv.flow.runtime.signal);
  return transition(inv.state, await stateOutput(inv, rawInput, input, { hasResult: false }));
};

async function waitDelayMs(inv: StateInvocation & { readonly state: WaitState }, rawInput: unknown, input: unknown): Promise<number> {
  const { state } = inv;
  const now = inv.flow.runtime.deps.clock.now();
  if (state.QueryLanguage === 'JSONata') {
    if (state.Seconds !== undefined) {
      const seconds = await evaluateJsonataTemplate(inv, state.Seconds, { input: rawInput }, 'Seconds');
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        throw stateError(inv, STATES_ERRORS.QueryEvaluationError, `The Seconds field must be a non-negative integer: ${JSON.stringify(seconds)}`);
      }
      return remainingMs(inv, seconds);
    }
    if (state.Timestamp !== undefined) {
      const text = await evaluateJsonataTemplate(inv, state.Timestamp, { input: rawInput }, 'Timestamp');
      const at = typeof text === 'string' ? parseRfc3339(text) : undefined;
      if (at === undefined) {
        throw stateError(inv, STATES_ERRORS.QueryEvaluationError, `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof text === 'string' ? text : JSON.stringify(text)}`);
      }
      return Math.max(0, at - now);
    }
    return 0;
  }
  if (typeof state.Seconds === 'number') return remainingMs(inv, state.Seconds);
  if (state.Timestamp !== undefined) return Math.max(0, (parseRfc3339(state.Timestamp) ?? now) - now);
  if (state.SecondsPath !== undefined) {
    const value = pathValue(inv, 'SecondsPath', state.SecondsPath, input);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw stateError(inv, STATES_ERRORS.Runtime, `The SecondsPath parameter cannot be parsed as a long value: ${state.SecondsPath} == ${display(value)}`);
    }
    if (value < 0) throw stateError(inv, STATES_ERRORS.Runtime, `The SecondsPath parameter references a negative value: ${state.SecondsPath} == ${display(value)}`);
    return remainingMs(inv, value);
  }
  if (state.TimestampPath !== undefined) {
    const value = pathValue(inv, 'TimestampPath', state.TimestampPath, input);
    const at = typeof value === 'string' ? parseRfc3339(value) : undefined;
    if (at === undefined) {
      throw stateError(inv, STATES_ERRORS.Runtime, `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${state.TimestampPath} == ${display(value)}`);
    }
    return Math.max(0, at - now);
  }
  return 0;
}

/**
 * What is left of a wait of `seconds` counted from when the state was entered, so a wait resumed
 * after a restart keeps its deadline (in AWS time: the clock may run at a time scale).
 */
function remainingMs(inv: StateInvocation, seconds: number): number {
  return Math.max(0, seconds * 1000 - elapsedAwsMs(inv.flow.runtime.deps.clock, inv.enteredTime));
}

function pathValue(inv: StateInvocation, field: string, path: string, input: unknown): unknown {
  const result = resolvePath(inv, path, input);
  if (!result.found) throw stateError(inv, STATES_ERRORS.Runtime, `The ${field} parameter references an invalid value: ${path}`);
  return result.value;
}

function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
