import { pollUntil, type PollOptions } from '../pollUntil';
import { adaptersStatus, describeCounts, isSettled, type AdapterClients, type AdaptersStatus } from './adaptersStatus';
import type { AdapterServiceRef } from './adapterService';

/** The service did not settle in time; `status` is the last seen. */
export class AdaptersNotSettledError extends Error {
  public constructor(
    public readonly status: AdaptersStatus,
    timeoutSeconds: number,
  ) {
    super(`${status.cluster}/${status.service} did not settle within ${timeoutSeconds} s: ${describeCounts(status)}`);
    this.name = 'AdaptersNotSettledError';
  }
}

/**
 * Waits until the adapter service runs exactly its desired tasks, none starting and none still
 * draining (a task scaled away exits only after its in-flight calls are answered), like
 * `aws ecs wait services-stable` but also through the drain. Polls every 2 s by default and
 * tells `onChange` the counts when they change.
 */
export function waitForAdapters(clients: AdapterClients, ref: AdapterServiceRef, options: PollOptions<AdaptersStatus>): Promise<AdaptersStatus> {
  return pollUntil(
    {
      read: () => adaptersStatus(clients, ref),
      done: isSettled,
      keyOf: describeCounts,
      timedOut: (last) => new AdaptersNotSettledError(last, options.timeoutSeconds),
      defaultPollMs: 2000,
    },
    options,
  );
}
