import { z } from 'zod';
import { OrderSagaInputSchema } from './order';
import { EmissionInputSchema } from './workflowInput';

/** An order accepted while StartExecution was throttled: its OrderSagaWorkflow input, started by the starter. */
export const QueuedOrderSagaStartSchema = z.strictObject({ workflow: z.literal('orderSaga'), input: OrderSagaInputSchema });
export type QueuedOrderSagaStart = z.infer<typeof QueuedOrderSagaStartSchema>;

/**
 * A StartQueue message (`START_QUEUE_URL`): an order's saga start, or an invoice's EmissionWorkflow
 * input as it is (the queue's first shape, kept so messages queued before orders joined it still start).
 */
export const QueuedStartSchema = z.union([QueuedOrderSagaStartSchema, EmissionInputSchema]);
export type QueuedStart = z.infer<typeof QueuedStartSchema>;
