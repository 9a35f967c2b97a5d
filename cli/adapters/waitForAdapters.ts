import { setTimeout as sleep } from 'node:timers/promises';
import { adaptersStatus, describeCounts, isSettled, type AdapterClients, type AdaptersStatus } from './adaptersStatus';
import type { AdapterServiceRef } from './adapterService';

/** How {@link waitForAdapters} waits. */
export interface WaitOptions {
  /** Gives up after this long. */
  readonly timeoutSeconds: number;
  /** @default 2000 */
  readonly pollMs?: number;
  /** Told the counts when they change (and once at the start). */
  readonly onProgress?: (status: AdaptersStatus) => void;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default node:timers/promises setTimeout */
  readonly sleep?: (ms: number) => Promise<unknown>;
}

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
 * `aws ecs wait services-stable` but also through the drain.
 */
export async function waitForAdapters(clients: AdapterClients, ref: AdapterServiceRef, options: WaitOptions): Promise<AdaptersStatus> {
  const now = options.now ?? Date.now;
  const pause = options.sleep ?? sleep;
  const deadline = now() + options.timeoutSeconds * 1000;
  let shown: string | undefined;
  for (;;) {
    const status = await adaptersStatus(clients, ref);
    const counts = describeCounts(status);
    if (counts !== shown) {
      shown = counts;
      options.onProgress?.(status);
    }
    if (isSettled(status)) return status;
    if (now() >= deadline) throw new AdaptersNotSettledError(status, options.timeoutSeconds);
    await pause(options.pollMs ?? 2000);
  }
}
