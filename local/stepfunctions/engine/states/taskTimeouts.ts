import type { TaskState } from '../../definition/types';
import { STATES_ERRORS } from '../../errors/StatesError';
import { evaluateJsonataTemplate } from '../jsonata/evaluateJsonata';
import { resolvePath } from '../jsonpath/jsonPathSteps';
import { stateError, type StateInvocation } from '../StateInvocation';

type TaskInvocation = StateInvocation & { readonly state: TaskState };

/** The default task timeout of AWS (99999999 s: practically none). */
export const DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;

/**
 * TimeoutSeconds(Path) and HeartbeatSeconds(Path) of a Task, in seconds.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html#task-state-fields
 */
export async function taskTimeouts(inv: TaskInvocation, rawInput: unknown, input: unknown): Promise<{ timeout?: number; heartbeat?: number }> {
  const { state } = inv;
  const timeout = await secondsOf(inv, 'TimeoutSeconds', state.TimeoutSeconds, state.TimeoutSecondsPath, rawInput, input);
  const heartbeat = await secondsOf(inv, 'HeartbeatSeconds', state.HeartbeatSeconds, state.HeartbeatSecondsPath, rawInput, input);
  return { timeout, heartbeat };
}

async function secondsOf(inv: TaskInvocation, field: string, literal: number | string | undefined, path: string | undefined, rawInput: unknown, input: unknown): Promise<number | undefined> {
  let value: unknown = literal;
  if (path !== undefined) {
    const result = resolvePath(inv, path, input);
    value = result.found ? result.value : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw stateError(inv, STATES_ERRORS.Runtime, `The ${field}Path parameter does not reference a valid positive integer: ${path} == ${JSON.stringify(value ?? null)}`);
    }
  } else if (typeof literal === 'string') {
    value = await evaluateJsonataTemplate(inv, literal, { input: rawInput }, field);
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw stateError(inv, STATES_ERRORS.QueryEvaluationError, `The ${field} field must be a positive integer: ${JSON.stringify(value)}`);
    }
  }
  return typeof value === 'number' ? value : undefined;
}
