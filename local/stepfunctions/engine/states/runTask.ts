import { randomBytes } from 'node:crypto';
import type { TaskState } from '../../definition/types';
import { HeartbeatTimeoutError } from '../../errors/HeartbeatTimeoutError';
import { STATES_ERRORS, StatesError } from '../../errors/StatesError';
import type { StateInvocation } from '../StateInvocation';
import { effectiveInput, selectResult, stateOutput, taskParameters } from '../stateIO';
import { transition, type StateAction } from '../StepResult';
import type { ParsedResource } from '../TaskInvoker';
import { withRetryAndCatch } from '../withRetryAndCatch';
import { taskTimeouts } from './taskTimeouts';

type TaskInvocation = StateInvocation & { readonly state: TaskState };

/**
 * Task: calls a service integration (request-response, .sync or .waitForTaskToken), with
 * TimeoutSeconds and HeartbeatSeconds, Retry and Catch. Each attempt is recorded as
 * TaskScheduled, TaskStarted (TaskSubmitted once a `.waitForTaskToken` or `.sync` call is
 * accepted), then TaskSucceeded, TaskFailed or TaskTimedOut.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
 */
export const runTask: StateAction<TaskState> = async (inv, rawInput) => {
  const { state } = inv;
  // A task resumed after a restart waits again for the token it had handed out, or for the job a
  // `.sync` call had started, without recording its attempt again; retries start afresh.
  let resumeToken = inv.resumeToken;
  let resumeSubmitted = inv.resumeSubmitted;
  return withRetryAndCatch(inv, rawInput, async () => {
    const { deps } = inv.flow.runtime;
    const resource = deps.invokeTask.parseResource(state.Resource);
    const input = effectiveInput(inv, rawInput);
    const resumedToken = resumeToken;
    const submitted = resource.pattern === 'SYNC' ? resumeSubmitted : undefined;
    resumeToken = undefined;
    resumeSubmitted = undefined;
    if (resource.pattern === 'WAIT_FOR_TASK_TOKEN') inv.taskToken = resumedToken ?? randomBytes(48).toString('base64url');
    const parameters = await taskParameters(inv, rawInput, input);
    const { timeout, heartbeat } = await taskTimeouts(inv, rawInput, input);
    if (resumedToken === undefined && submitted === undefined) {
      inv.flow.record('TaskScheduled', {
        resourceType: resource.resourceType,
        resource: resource.resource,
        region: deps.region,
        parameters: JSON.stringify(parameters),
        ...(timeout === undefined ? {} : { timeoutInSeconds: timeout }),
        ...(heartbeat === undefined ? {} : { heartbeatInSeconds: heartbeat }),
      }, inv.taskToken === undefined ? undefined : { token: inv.taskToken });
      inv.flow.record('TaskStarted', { resourceType: resource.resourceType, resource: resource.resource });
    }
    let result: unknown;
    try {
      result = await invokeWithTimeouts(inv, resource, parameters, timeout, heartbeat, { tokenHandedOut: resumedToken !== undefined, submitted });
    } catch (thrown) {
      const error = thrown instanceof StatesError ? thrown : new StatesError(STATES_ERRORS.TaskFailed, (thrown as Error).message ?? String(thrown), { source: thrown });
      const type = error.error === STATES_ERRORS.Timeout ? 'TaskTimedOut' : 'TaskFailed';
      inv.flow.record(type, { resourceType: resource.resourceType, resource: resource.resource, error: error.error, cause: error.cause });
      throw error;
    }
    inv.flow.record('TaskSucceeded', { resourceType: resource.resourceType, resource: resource.resource, output: JSON.stringify(result), outputDetails: { truncated: false } });
    return transition(state, await stateOutput(inv, rawInput, selectResult(inv, result)));
  });
};

/** What a task resumed after a restart had done before it. */
interface ResumedAttempt {
  /** A `.waitForTaskToken` call was made: only the token is waited for. */
  readonly tokenHandedOut: boolean;
  /** A `.sync` job was started: the TaskSubmitted output the integration waits on again. */
  readonly submitted?: unknown;
}

/**
 * Invokes the integration; for `.waitForTaskToken` then waits for SendTaskSuccess/Failure, with
 * heartbeats resetting the heartbeat timer. TimeoutSeconds bounds the whole task.
 *
 * The history keeps AWS's order: TaskSubmitted (the integration's answer) comes before the
 * task's end, and never after it. A callback that beats the integration's answer (a Lambda that
 * calls SendTaskSuccess before it returns) is held until TaskSubmitted is recorded; a task that
 * timed out or was stopped before the answer records no TaskSubmitted at all.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
 */
async function invokeWithTimeouts(
  inv: TaskInvocation,
  resource: ParsedResource,
  parameters: unknown,
  timeout: number | undefined,
  heartbeat: number | undefined,
  resumed: ResumedAttempt,
): Promise<unknown> {
  const { deps, signal: executionSignal } = inv.flow.runtime;
  const controller = new AbortController();
  // One listener per task, removed when the task ends (an execution runs many tasks on one signal).
  let stopped: ((error: StatesError) => void) | undefined;
  const onExecutionAbort = (): void => {
    controller.abort();
    stopped?.(new StatesError('States.Aborted', 'Execution was stopped'));
  };
  executionSignal.addEventListener('abort', onExecutionAbort, { once: true });
  const token = inv.taskToken;
  const timers: { timeout?: ReturnType<typeof deps.clock.setTimeout>; heartbeat?: ReturnType<typeof deps.clock.setTimeout> } = {};
  try {
    return await new Promise<unknown>((resolve, reject) => {
      const fail = (error: StatesError): void => {
        controller.abort();
        reject(error);
      };
      if (timeout !== undefined) timers.timeout = deps.clock.setTimeout(() => fail(new StatesError(STATES_ERRORS.Timeout, '')), timeout * 1000);
      const armHeartbeat = (): void => {
        if (heartbeat === undefined) return;
        deps.clock.clearTimeout(timers.heartbeat);
        timers.heartbeat = deps.clock.setTimeout(() => fail(new HeartbeatTimeoutError('')), heartbeat * 1000);
      };
      armHeartbeat();
      stopped = reject;
      // Until the integration answers, a callback's outcome waits here (its token is spent: no
      // heartbeat can come any more; TimeoutSeconds still bounds the wait for the answer).
      let awaitingAnswer = token !== undefined && !resumed.tokenHandedOut;
      let held: (() => void) | undefined;
      const callback = (settle: () => void): void => {
        if (!awaitingAnswer) {
          settle();
          return;
        }
        deps.clock.clearTimeout(timers.heartbeat);
        held = settle;
      };
      if (token !== undefined) {
        deps.tokens.register(token, {
          executionArn: inv.flow.runtime.facts.executionArn,
          resolve: (output) => callback(() => resolve(output)),
          reject: (error) => callback(() => reject(error)),
          onHeartbeat: armHeartbeat,
        });
      }
      if (resumed.tokenHandedOut) return;
      // A `.sync` job started: recorded unless the task ended meanwhile (timed out, stopped).
      const onSubmitted = resource.pattern === 'SYNC' && resumed.submitted === undefined
        ? (output: unknown): void => {
            if (!controller.signal.aborted) recordSubmitted(inv, resource, output);
          }
        : undefined;
      deps.invokeTask.invoke({
        resource: inv.state.Resource,
        parameters,
        taskToken: token,
        signal: controller.signal,
        clock: deps.clock,
        executionArn: inv.flow.runtime.facts.executionArn,
        stateMachineArn: inv.flow.runtime.facts.stateMachineArn,
        onSubmitted,
        submitted: resumed.submitted,
        takeSubmittedBeforeRestart: onSubmitted === undefined ? undefined : takeBeforeRestart(inv),
      }).then(
        (output) => {
          if (token === undefined) {
            resolve(output);
            return;
          }
          // The task had ended (timed out, stopped) before the answer: its end stays its last event.
          if (controller.signal.aborted) return;
          awaitingAnswer = false;
          recordSubmitted(inv, resource, output);
          held?.();
        },
        (error: unknown) => {
          // A callback that came first had already been accepted: it decides the task.
          if (held !== undefined) {
            held();
            return;
          }
          reject(error instanceof StatesError ? error : new StatesError(STATES_ERRORS.TaskFailed, (error as Error).message ?? String(error)));
        },
      );
    });
  } catch (error) {
    if (token !== undefined) deps.tokens.release(token, error instanceof StatesError && error.error === STATES_ERRORS.Timeout);
    throw error;
  } finally {
    if (token !== undefined) deps.tokens.release(token);
    deps.clock.clearTimeout(timers.timeout);
    deps.clock.clearTimeout(timers.heartbeat);
    executionSignal.removeEventListener('abort', onExecutionAbort);
  }
}

/** TaskSubmitted: what the service answered the call that handed out a token or started a job. */
function recordSubmitted(inv: TaskInvocation, resource: ParsedResource, output: unknown): void {
  inv.flow.record('TaskSubmitted', { resourceType: resource.resourceType, resource: resource.resource, output: JSON.stringify(output ?? null), outputDetails: { truncated: false } });
}

/** What a `.sync` task of a run resumed after a restart may take of the jobs its execution had started. */
function takeBeforeRestart(inv: TaskInvocation): ((matches: (submitted: unknown) => boolean) => unknown) | undefined {
  const children = inv.flow.runtime.childrenBeforeRestart;
  return children === undefined ? undefined : (matches) => children.take(matches);
}
