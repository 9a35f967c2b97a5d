import type { SFNClient } from '@aws-sdk/client-sfn';
import { EmissionInputSchema } from '../../contracts/workflowInput';
import { isThrottled, startEmission } from '../emit/startEmission';

/** What the starter talks to. */
export interface StarterDeps {
  readonly sfn: SFNClient;
  readonly emissionStateMachineArn: string;
}

/** What became of one queued start. */
export type QueuedStartOutcome =
  /** Started now, or found started (by a replay, the sweeper or an earlier delivery): never twice. */
  | { readonly kind: 'started'; readonly invoiceId: string; readonly executionArn: string }
  /** Still throttled: the message stays in the queue and comes back after its visibility timeout. */
  | { readonly kind: 'throttled'; readonly invoiceId: string };

/**
 * Starts one invoice whose start emission queued (its body is the workflow's input). A throttled
 * start is an outcome, not an error: the caller leaves the message for a later delivery, when the
 * bucket has refilled.
 */
export async function startQueued(deps: StarterDeps, body: string): Promise<QueuedStartOutcome> {
  const input = EmissionInputSchema.parse(JSON.parse(body));
  try {
    // No start queue here: a start throttled again simply stays in this one.
    const outcome = await startEmission(deps.sfn, deps.emissionStateMachineArn, input, undefined);
    return { kind: 'started', invoiceId: input.invoiceId, executionArn: outcome.executionArn };
  } catch (error) {
    if (isThrottled(error)) return { kind: 'throttled', invoiceId: input.invoiceId };
    throw error;
  }
}
