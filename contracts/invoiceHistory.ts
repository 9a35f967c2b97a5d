import { z } from 'zod';
import { UlidSchema } from './fields';
import { InvoiceStatusSchema } from './invoiceStatus';
import { ExecutionSummarySchema, WorkflowKeySchema } from './ops';

/** One status an invoice went through: when, and which execution's state set it. */
export const StatusChangeSchema = z.strictObject({
  status: InvoiceStatusSchema,
  at: z.string(),
  /** Absent for EMITTED, which the API writes before any execution starts. */
  executionName: z.string().optional(),
  state: z.string().optional(),
});
export type StatusChange = z.infer<typeof StatusChangeSchema>;

/** An execution that worked on the invoice: its emission, reprocessings and cancellations. */
export const InvoiceExecutionSchema = ExecutionSummarySchema.extend({ workflow: WorkflowKeySchema });
export type InvoiceExecution = z.infer<typeof InvoiceExecutionSchema>;

/** `GET /invoices/{id}/history`: the status timeline and the executions behind it, oldest first. */
export const InvoiceHistorySchema = z.strictObject({
  invoiceId: UlidSchema,
  statuses: z.array(StatusChangeSchema),
  executions: z.array(InvoiceExecutionSchema),
});
export type InvoiceHistory = z.infer<typeof InvoiceHistorySchema>;
