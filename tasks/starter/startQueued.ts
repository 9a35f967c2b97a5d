import type { SFNClient } from '@aws-sdk/client-sfn';
import { QueuedStartSchema } from '../../contracts/queuedStart';
import { isThrottled, startOrDefer, type NamedStart } from '../shared/startOrDefer';

/** What the starter talks to. */
export interface StarterDeps {
  readonly sfn: SFNClient;
  readonly emissionStateMachineArn: string;
  readonly orderSagaStateMachineArn: string;
}

/** What a queued start is of: an invoice's emission or an order's saga, by the id that names its execution. */
export type QueuedStartSubject = { readonly invoiceId: string } | { readonly orderId: string };

/** What became of one queued start. */
export type QueuedStartOutcome =
  /** Started now, or found started (by a replay, the sweeper or an earlier delivery): never twice. */
  | ({ readonly kind: 'started'; readonly executionArn: string } & QueuedStartSubject)
  /** Still throttled: the message stays in the queue and comes back after its visibility timeout. */
  | ({ readonly kind: 'throttled' } & QueuedStartSubject);

/**
 * Starts one execution whose start was queued past the StartExecution quota: an invoice's
 * EmissionWorkflow or an order's OrderSagaWorkflow, under the name the API would have given it. A
 * throttled start is an outcome, not an error: the caller leaves the message for a later delivery,
 * when the bucket has refilled.
 */
export async function startQueued(deps: StarterDeps, body: string): Promise<QueuedStartOutcome> {
  const queued = QueuedStartSchema.parse(JSON.parse(body));
  let start: NamedStart;
  let subject: QueuedStartSubject;
  if ('workflow' in queued) {
    start = { stateMachineArn: deps.orderSagaStateMachineArn, name: queued.input.orderId, input: queued.input, queued };
    subject = { orderId: queued.input.orderId };
  } else {
    start = { stateMachineArn: deps.emissionStateMachineArn, name: queued.invoiceId, input: queued, queued };
    subject = { invoiceId: queued.invoiceId };
  }
  try {
    // No start queue here: a start throttled again simply stays in this one.
    const outcome = await startOrDefer(deps.sfn, start, undefined);
    return { kind: 'started', executionArn: outcome.executionArn, ...subject };
  } catch (error) {
    if (isThrottled(error)) return { kind: 'throttled', ...subject };
    throw error;
  }
}
