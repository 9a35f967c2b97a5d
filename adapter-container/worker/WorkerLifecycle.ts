import type { MessageOutcome } from './MessageProcessor';

/**
 * `RUNNING`: polling and working; `DRAINING`: shutdown asked, no more polls, in-flight messages
 * finishing within the grace period; `STOPPED`: nothing left running.
 */
export const WORKER_STATES = ['RUNNING', 'DRAINING', 'STOPPED'] as const;
export type WorkerState = (typeof WORKER_STATES)[number];

/** What the health endpoint reports. */
export interface WorkerStats {
  readonly state: WorkerState;
  /** Messages the task holds right now (those queued for their city included). */
  readonly inFlight: number;
  /** Of those, the messages queued behind the task's own calls to their city, which take none of its places. */
  readonly waiting: number;
  /** Messages finished since start, by how they ended. */
  readonly processed: Readonly<Record<MessageOutcome, number>>;
}
