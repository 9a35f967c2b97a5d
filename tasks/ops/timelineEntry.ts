import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { TimelineEntry } from '../../contracts/ops';

type Failure = { readonly error?: string; readonly cause?: string };

/** The failure an event reports, whichever of AWS's per-type detail fields carries it. */
function failureOf(event: HistoryEvent): Failure | undefined {
  return (
    event.taskFailedEventDetails ??
    event.taskTimedOutEventDetails ??
    event.taskStartFailedEventDetails ??
    event.taskSubmitFailedEventDetails ??
    event.executionFailedEventDetails ??
    event.executionTimedOutEventDetails ??
    event.executionAbortedEventDetails ??
    event.lambdaFunctionFailedEventDetails ??
    event.lambdaFunctionTimedOutEventDetails ??
    event.activityFailedEventDetails ??
    event.mapRunFailedEventDetails ??
    event.evaluationFailedEventDetails ??
    undefined
  );
}

/** The input an event carries, as JSON text. */
function inputOf(event: HistoryEvent): string | undefined {
  return event.stateEnteredEventDetails?.input ?? event.executionStartedEventDetails?.input;
}

/** The output an event carries, as JSON text. */
function outputOf(event: HistoryEvent): string | undefined {
  return (
    event.stateExitedEventDetails?.output ??
    event.taskSucceededEventDetails?.output ??
    event.taskSubmittedEventDetails?.output ??
    event.executionSucceededEventDetails?.output ??
    event.lambdaFunctionSucceededEventDetails?.output
  );
}

/** One AWS history event as the console and the CLI read it: flat, dates as ISO text. */
export function toTimelineEntry(event: HistoryEvent): TimelineEntry {
  const failure = failureOf(event);
  const state = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name ?? event.mapIterationStartedEventDetails?.name ?? event.mapIterationSucceededEventDetails?.name ?? event.mapIterationFailedEventDetails?.name ?? event.mapIterationAbortedEventDetails?.name;
  const index = event.mapIterationStartedEventDetails?.index ?? event.mapIterationSucceededEventDetails?.index ?? event.mapIterationFailedEventDetails?.index ?? event.mapIterationAbortedEventDetails?.index;
  const input = inputOf(event);
  const output = outputOf(event);
  const variables = event.stateExitedEventDetails?.assignedVariables;
  const resource = event.taskScheduledEventDetails !== undefined ? `${event.taskScheduledEventDetails.resourceType}:${event.taskScheduledEventDetails.resource}` : undefined;
  return {
    id: event.id ?? 0,
    ...(event.previousEventId !== undefined ? { previousEventId: event.previousEventId } : {}),
    timestamp: (event.timestamp ?? new Date(0)).toISOString(),
    type: event.type ?? 'Unknown',
    ...(state !== undefined ? { state } : {}),
    ...(failure?.error !== undefined ? { error: failure.error } : {}),
    ...(failure?.cause !== undefined ? { cause: failure.cause } : {}),
    ...(input !== undefined ? { input } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(variables !== undefined && Object.keys(variables).length > 0 ? { assignedVariables: { ...variables } } : {}),
    ...(resource !== undefined ? { resource } : {}),
    ...(index !== undefined ? { index } : {}),
  };
}
