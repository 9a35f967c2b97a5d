import type { FailureEntry } from '../../../contracts/ops';

/** `1 emission gets`, `2 emissions get`. */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? ' gets' : 's get'}`;
}

/**
 * What reprocessing these entries does, in words for the confirmation: an emission is emitted
 * again with its RPS, a refused cancellation is asked of the city again with its reason.
 */
export function reprocessDescription(entries: readonly FailureEntry[]): string {
  const emissions = entries.filter((entry) => entry.workflow === 'emission').length;
  const cancellations = entries.length - emissions;
  const parts = [
    ...(emissions > 0 ? [`${counted(emissions, 'emission')} a new emission execution with the same RPS: the city recognises a resend, so none is issued twice`] : []),
    ...(cancellations > 0 ? [`${counted(cancellations, 'refused cancellation')} a new cancel request to the city, with the reason code it had`] : []),
  ];
  return parts.length === 0 ? 'Nothing selected can be reprocessed.' : `${parts.join('; ')}.`;
}
