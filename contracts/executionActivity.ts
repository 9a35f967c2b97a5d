import { z } from 'zod';

/**
 * What a running execution is doing now, from its history: the state it is in, how many times its
 * task failed and was retried there, and whether it waits for a task token (an adapter and the city).
 */
export const ExecutionActivitySchema = z.strictObject({
  state: z.string(),
  /** When it entered the state. */
  since: z.string(),
  /** How many times the execution has entered this state (a consultation loop comes back). */
  visit: z.number().int().min(1),
  /** Task failures in this visit, each retried (or about to be). */
  retries: z.number().int().min(0),
  /** The retrier's MaxAttempts for the last error, when the definition has one. */
  maxRetries: z.number().int().min(0).optional(),
  lastError: z.string().optional(),
  /** Waiting for the task token: an adapter and, behind it, the city. */
  waitingForCallback: z.boolean(),
  /** The same in words: `RequestIssuance: waiting for the city (retry 1 of 5, after Provider.Transient)`. */
  description: z.string(),
});
export type ExecutionActivity = z.infer<typeof ExecutionActivitySchema>;
