import type { ReactElement } from 'react';

/** Statuses of invoices, executions and billed companies, each with a colour class and a symbol (colour is never the only cue). */
const LOOKS: Readonly<Record<string, { readonly tone: string; readonly symbol: string }>> = {
  ISSUED: { tone: 'ok', symbol: '✓' },
  SUCCEEDED: { tone: 'ok', symbol: '✓' },
  CANCELLED: { tone: 'muted', symbol: '⊘' },
  SUBSTITUTED: { tone: 'muted', symbol: '⇄' },
  FAILED: { tone: 'bad', symbol: '✕' },
  TIMED_OUT: { tone: 'bad', symbol: '⏱' },
  ABORTED: { tone: 'bad', symbol: '■' },
  RUNNING: { tone: 'busy', symbol: '◔' },
  PROCESSING: { tone: 'busy', symbol: '◔' },
  CANCELLING: { tone: 'busy', symbol: '◔' },
  SUBSTITUTING: { tone: 'busy', symbol: '◔' },
  PENDING_REDRIVE: { tone: 'busy', symbol: '↻' },
  EMITTED: { tone: 'info', symbol: '•' },
  // A company's month in a billing run (billing.consolidations).
  invoiced: { tone: 'ok', symbol: '✓' },
  skipped: { tone: 'muted', symbol: '–' },
  failed: { tone: 'bad', symbol: '✕' },
  consolidated: { tone: 'busy', symbol: '◔' },
};

/** A status as a labelled badge. */
export function StatusBadge(props: { readonly status: string }): ReactElement {
  const look = LOOKS[props.status] ?? { tone: 'info', symbol: '•' };
  return (
    <span className={`badge badge-${look.tone}`} data-status={props.status}>
      <span aria-hidden="true">{look.symbol}</span> {props.status}
    </span>
  );
}
