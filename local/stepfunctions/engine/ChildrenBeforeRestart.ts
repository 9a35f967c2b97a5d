import type { HistoryEvent } from './history/HistoryEvent';

/**
 * The children an execution's `startExecution.sync` tasks had started before a restart (the
 * outputs of their TaskSubmitted events in the events given: those since the Parallel or Map
 * state the run resumed in was entered), for that run, until that state ends or is retried.
 * A Parallel branch or Map iteration that had not finished runs again from its start, so its
 * `.sync` task calls StartExecution again under the same name: a child that had closed answers
 * ExecutionAlreadyExists, and the task then waits for it as the task before the restart did,
 * once that child is found here. Each is handed out once: a later attempt of the resumed run
 * (a Retry) finds the name taken, as it would have without the restart.
 */
export class ChildrenBeforeRestart {
  private constructor(private readonly submitted: unknown[]) {}

  /** Read from the events of an execution resumed after a restart (a redrive among them starts the list anew); undefined when they started none. */
  public static fromHistory(events: readonly HistoryEvent[]): ChildrenBeforeRestart | undefined {
    const submitted: unknown[] = [];
    for (const e of events) {
      if (e.type === 'ExecutionRedriven') submitted.length = 0;
      else if (e.type === 'TaskSubmitted' && isSyncStart(e.details) && typeof e.details?.output === 'string') submitted.push(parseOutput(e.details.output));
    }
    return submitted.length === 0 ? undefined : new ChildrenBeforeRestart(submitted);
  }

  /** Once the state the restart resumed in has ended: whatever a later task starts is its own. */
  public forgetAll(): void {
    this.submitted.length = 0;
  }

  /** The first TaskSubmitted output that `matches`, which no other task takes after this one. */
  public take(matches: (submitted: unknown) => boolean): unknown {
    const index = this.submitted.findIndex(matches);
    if (index < 0) return undefined;
    return this.submitted.splice(index, 1)[0];
  }
}

/** `states:startExecution.sync` or `.sync:2`: the tasks that wait for the child they start. */
function isSyncStart(details: { readonly resourceType?: string; readonly resource?: string } | undefined): boolean {
  return details?.resourceType === 'states' && details.resource?.startsWith('startExecution.sync') === true;
}

function parseOutput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
