import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { ExecutionActivity } from '../../contracts/executionActivity';

/** A state's retriers, as the definition holds them. */
interface RetrierDoc {
  readonly ErrorEquals?: readonly string[];
  readonly MaxAttempts?: number;
}

/** The `MaxAttempts` of the state's first retrier matching `error` (the States Language's order); 3 when a retrier leaves it out. */
function maxAttemptsFor(definition: string | undefined, state: string, error: string): number | undefined {
  let retriers: readonly RetrierDoc[] | undefined;
  try {
    const parsed = JSON.parse(definition ?? '{}') as { States?: Record<string, { Retry?: readonly RetrierDoc[] }> };
    retriers = parsed.States?.[state]?.Retry;
  } catch {
    return undefined;
  }
  // States.TaskFailed matches every error of a task but States.Timeout; States.ALL every one.
  const matches = (names: readonly string[]): boolean => names.includes(error) || names.includes('States.ALL') || (names.includes('States.TaskFailed') && error !== 'States.Timeout');
  const retrier = retriers?.find((candidate) => matches(candidate.ErrorEquals ?? []));
  return retrier === undefined ? undefined : (retrier.MaxAttempts ?? 3);
}

const FAILURES = new Set(['TaskFailed', 'TaskTimedOut', 'TaskSubmitFailed', 'TaskStartFailed', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut']);

function errorOf(event: HistoryEvent): string {
  const details = event.taskFailedEventDetails ?? event.taskTimedOutEventDetails ?? event.taskSubmitFailedEventDetails ?? event.taskStartFailedEventDetails ?? event.lambdaFunctionFailedEventDetails ?? event.lambdaFunctionTimedOutEventDetails;
  return details?.error ?? event.type ?? 'an error';
}

/**
 * What a running execution is doing, read from its history as the console draws it: the last
 * state it entered, the task failures since (each one retried, by the state's Retry), and whether
 * its task waits for a callback (`.waitForTaskToken`: an adapter, and the city behind it).
 * Undefined before its first state.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
export function executionActivity(events: readonly HistoryEvent[], definition: string | undefined): ExecutionActivity | undefined {
  let entered = -1;
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]?.type?.endsWith('StateEntered') === true) {
      entered = i;
      break;
    }
  }
  const entry = events[entered];
  const state = entry?.stateEnteredEventDetails?.name;
  if (entry === undefined || state === undefined) return undefined;
  const visit = events.filter((event) => event.type?.endsWith('StateEntered') === true && event.stateEnteredEventDetails?.name === state).length;
  const since = events.slice(entered + 1);
  const failures = since.filter((event) => FAILURES.has(event.type ?? ''));
  const lastError = failures.length > 0 ? errorOf(failures[failures.length - 1] as HistoryEvent) : undefined;
  const maxRetries = lastError !== undefined ? maxAttemptsFor(definition, state, lastError) : undefined;
  const scheduled = [...since].reverse().find((event) => event.type === 'TaskScheduled');
  const last = since.at(-1)?.type ?? '';
  const waitingForCallback = scheduled?.taskScheduledEventDetails?.resource?.endsWith('.waitForTaskToken') === true && (last === 'TaskSubmitted' || last === 'TaskStarted');
  const retry = failures.length > 0 ? `retry ${failures.length}${maxRetries !== undefined ? ` of ${maxRetries}` : ''}` : undefined;
  const notes = [...(retry !== undefined && waitingForCallback ? [`${retry}, after ${lastError ?? 'an error'}`] : []), ...(visit > 1 ? [`visit ${visit}`] : [])];
  const doing = waitingForCallback
    ? 'waiting for the city'
    : FAILURES.has(last)
      ? `failed with ${lastError ?? 'an error'}${retry !== undefined ? `, ${retry} next` : ''}`
      : entry.type === 'WaitStateEntered'
        ? 'waiting'
        : undefined;
  const description = `${state}${doing !== undefined ? `: ${doing}` : ''}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  return {
    state,
    since: (entry.timestamp ?? new Date(0)).toISOString(),
    visit,
    retries: failures.length,
    ...(maxRetries !== undefined ? { maxRetries } : {}),
    ...(lastError !== undefined ? { lastError } : {}),
    waitingForCallback,
    description,
  };
}
