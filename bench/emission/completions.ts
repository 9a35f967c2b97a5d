import { ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** Executions of one state machine that ended since a moment, with when each ended. */
export interface Completions {
  /** Stop times (epoch ms) of the SUCCEEDED executions, ascending. */
  readonly succeeded: number[];
  readonly failed: number;
}

/** Counts the executions of `stateMachineArn` started at or after `sinceMs` that ended. */
export async function completionsSince(sfn: SFNClient, stateMachineArn: string, sinceMs: number): Promise<Completions> {
  const succeeded: number[] = [];
  let failed = 0;
  for (const status of ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const) {
    let nextToken: string | undefined;
    page: do {
      const result = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: status, maxResults: 1000, nextToken }));
      for (const execution of result.executions ?? []) {
        // Newest first: stop at the first execution started before this phase.
        if ((execution.startDate?.getTime() ?? 0) < sinceMs) break page;
        if (status === 'SUCCEEDED') succeeded.push(execution.stopDate?.getTime() ?? Number.NaN);
        else failed++;
      }
      nextToken = result.nextToken;
    } while (nextToken !== undefined);
  }
  return { succeeded: succeeded.sort((a, b) => a - b), failed };
}

/** Polls until `expected` executions started since `sinceMs` ended, or `timeoutMs` passed. */
export async function waitForCompletions(sfn: SFNClient, stateMachineArn: string, sinceMs: number, expected: number, timeoutMs: number): Promise<Completions> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const completions = await completionsSince(sfn, stateMachineArn, sinceMs);
    if (completions.succeeded.length + completions.failed >= expected || Date.now() > deadline) return completions;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
