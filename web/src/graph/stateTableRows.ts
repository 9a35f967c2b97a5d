import type { GraphModel, StateStatus, VisitStatus } from './graphModel';

/** One row of the table view: a visit of a state, as the Step Functions console's table lists them. */
export interface StateTableRow {
  /** Unique per row: the `*StateEntered` event id. */
  readonly key: number;
  readonly name: string;
  readonly type: string;
  readonly status: StateStatus | VisitStatus;
  readonly resource?: string;
  /** Milliseconds from the execution's start to the state's entry. */
  readonly startedAfterMs: number;
  /** Milliseconds in the state; undefined while it runs. */
  readonly durationMs?: number;
  readonly enteredAt: string;
  readonly attempts: number;
  /** The Map item the visit ran for. */
  readonly iteration?: number;
  /** Set after a redrive: the redrive the visit belongs to. */
  readonly redrive: number;
}

/**
 * Every visit of every state the execution entered, in the order it entered them, with how long
 * after the start and for how long: the console's "Table view" beside the graph.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-view-execution-details.html
 */
export function stateTableRows(model: GraphModel, startDate: string): StateTableRow[] {
  const origin = Date.parse(startDate);
  const rows: StateTableRow[] = [];
  for (const node of model.nodes) {
    if (node.kind !== 'state') continue;
    for (const visit of node.run.visits) {
      const entered = Date.parse(visit.enteredAt);
      const exited = visit.exitedAt !== undefined ? Date.parse(visit.exitedAt) : undefined;
      // A visit closed without an exit event (failed, stopped) lasted until its last attempt ended.
      const lastAttemptEnd = visit.attempts.at(-1)?.endedAt;
      const ended = exited ?? (visit.status !== 'running' && lastAttemptEnd !== undefined ? Date.parse(lastAttemptEnd) : undefined);
      rows.push({
        key: visit.enteredEventId,
        name: node.label,
        type: node.stateType,
        status: visit.status === 'succeeded' && visit.attempts.some((a) => a.outcome === 'failed') ? 'retried' : visit.status,
        ...(visit.resource !== undefined ? { resource: visit.resource } : node.resource !== undefined ? { resource: node.resource } : {}),
        startedAfterMs: entered - origin,
        ...(ended !== undefined ? { durationMs: ended - entered } : {}),
        enteredAt: visit.enteredAt,
        attempts: Math.max(1, visit.attempts.length),
        ...(visit.iteration !== undefined ? { iteration: visit.iteration } : {}),
        redrive: visit.redrive,
      });
    }
  }
  return rows.sort((a, b) => a.key - b.key);
}
