import { z } from 'zod';
import { IsoTimestampSchema } from './fields';
import { RpsSchema } from './rps';


const common = {
  at: IsoTimestampSchema,
  /** The operator's principal. */
  by: z.string().min(1),
};

/**
 * One thing ops did to an invoice, kept on its record (`opsActions`) and shown in its timeline
 * (`GET /invoices/{id}/history`): the executions show what the workflows did, these what people did.
 */
export const OpsActionSchema = z.discriminatedUnion('action', [
  /** A new execution for a failure: a re-emission (same RPS) or a new cancel request (same reason). */
  z.strictObject({ action: z.literal('reprocessed'), ...common, workflow: z.enum(['emission', 'cancellation']), executionName: z.string() }),
  /** A failed execution resumed at the state that failed. */
  z.strictObject({ action: z.literal('redriven'), ...common, executionName: z.string() }),
  /** A running execution stopped where it was. */
  z.strictObject({ action: z.literal('stopped'), ...common, executionName: z.string() }),
  /** A failure taken off the queue with nothing more to do: `executionName` is the execution that failed. */
  z.strictObject({ action: z.literal('dismissed'), ...common, reason: z.string(), executionName: z.string() }),
  /** Fields that caused a rejection changed, re-emitted under a new RPS (the old one replaced). */
  z.strictObject({
    action: z.literal('corrected'),
    ...common,
    reason: z.string(),
    fields: z.array(z.string()),
    replacedRps: RpsSchema,
    rps: RpsSchema,
    executionName: z.string(),
  }),
]);
export type OpsAction = z.infer<typeof OpsActionSchema>;
