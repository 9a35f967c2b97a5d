import { z } from 'zod';
import { ExecutionActivitySchema } from './executionActivity';
import { UlidSchema } from './fields';
import { InvoiceStatusSchema } from './invoiceStatus';
import { ExecutionSummarySchema, WorkflowKeySchema } from './ops';
import { OpsActionSchema } from './opsAction';

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
export const InvoiceExecutionSchema = ExecutionSummarySchema.extend({
  workflow: WorkflowKeySchema,
  /** What it is doing, while it runs. */
  activity: ExecutionActivitySchema.optional(),
});
export type InvoiceExecution = z.infer<typeof InvoiceExecutionSchema>;

/** `GET /invoices/{id}/history` query: a page of the invoice's executions, oldest first. */
export const InvoiceHistoryQuerySchema = z.strictObject({
  /** Executions per page. @default 10 */
  limit: z.coerce.number().int().min(1).max(25).default(10).describe('Executions per page'),
  nextToken: z.string().max(1024).optional().describe('Where the page starts: the `nextToken` of the previous answer, sent back as is with the same filters'),
});
export type InvoiceHistoryQuery = z.infer<typeof InvoiceHistoryQuerySchema>;

/**
 * `GET /invoices/{id}/history`: a page of the executions behind the invoice (emission,
 * reprocessings, cancellations, oldest first) and the statuses they wrote; the first page also
 * starts with EMITTED and holds what ops did (`actions`: reprocess, redrive, dismiss, correct).
 * `nextToken` when more executions follow.
 */
export const InvoiceHistorySchema = z.strictObject({
  invoiceId: UlidSchema,
  statuses: z.array(StatusChangeSchema),
  executions: z.array(InvoiceExecutionSchema),
  /** What ops did, oldest first (on the first page; later pages have none). */
  actions: z.array(OpsActionSchema),
  nextToken: z.string().optional().describe('Present when more items follow: send it as the `nextToken` parameter for the next page'),
});
export type InvoiceHistory = z.infer<typeof InvoiceHistorySchema>;
