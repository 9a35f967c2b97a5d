import type { StateStatus, VisitStatus } from './graphModel';

/** The words a status reads as: colour is never the only cue. */
export const STATUS_LABELS: Readonly<Record<StateStatus, string>> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  caught: 'Caught error',
  retried: 'Retried',
  running: 'In progress',
  aborted: 'Aborted',
  'not-reached': 'Not reached',
};

/** What each status means, for the legend's tooltips. */
export const STATUS_HINTS: Readonly<Record<StateStatus, string>> = {
  succeeded: 'Ran and went on.',
  failed: 'Failed, and nothing caught it: the execution (or its branch) failed here.',
  caught: 'Failed, and a Catch took the flow to another state.',
  retried: 'Succeeded after failed attempts (Retry, or a redrive).',
  running: 'Entered and not left yet.',
  aborted: 'Stopped while it ran (the execution was stopped, or a sibling branch failed).',
  'not-reached': 'The execution never entered it.',
};

/** White glyphs drawn on the status dot (16 x 16 box, centred on 8,8); running spins a ring instead. */
export const STATUS_GLYPHS: Readonly<Record<StateStatus, string>> = {
  succeeded: 'M4.6 8.4l2.2 2.2 4.6-4.8',
  failed: 'M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4',
  caught: 'M5.2 4.4v3.4a2 2 0 0 0 2 2h4M9.4 7.6l2 2-2 2',
  retried: 'M11.6 6.4A3.9 3.9 0 1 0 11.9 9M12 3.9v2.7H9.3',
  running: '',
  aborted: 'M5.6 5.6h4.8v4.8H5.6z',
  'not-reached': 'M5.2 8h5.6',
};

export function statusLabel(status: StateStatus | VisitStatus): string {
  return STATUS_LABELS[status];
}
