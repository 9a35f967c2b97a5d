import { z } from 'zod';
import { FailureMessageSchema } from './failureMessage';
import { UlidSchema } from './fields';

/** The workflows ops can look at. */
export const WorkflowKeySchema = z.enum(['emission', 'cancellation']);
export type WorkflowKey = z.infer<typeof WorkflowKeySchema>;

export const ExecutionStatusSchema = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']);

/** `GET /executions` query string. */
export const ListExecutionsQuerySchema = z.strictObject({
  /** @default 'emission' */
  workflow: WorkflowKeySchema.default('emission').describe('Which state machine'),
  status: ExecutionStatusSchema.optional().describe('Only executions in this status'),
  /** @default 50 */
  limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Executions per page'),
  nextToken: z.string().max(4096).optional().describe('Where the page starts: the `nextToken` of the previous answer, sent back as is with the same filters'),
});
export type ListExecutionsQuery = z.infer<typeof ListExecutionsQuerySchema>;

/** One execution in a listing, newest first. */
export const ExecutionSummarySchema = z.strictObject({
  executionArn: z.string(),
  name: z.string(),
  status: ExecutionStatusSchema,
  startDate: z.string(),
  stopDate: z.string().optional(),
  redriveCount: z.number().int().optional(),
});
export type ExecutionSummary = z.infer<typeof ExecutionSummarySchema>;

export const ListExecutionsResponseSchema = z.strictObject({ items: z.array(ExecutionSummarySchema), nextToken: z.string().optional().describe('Present when more items follow: send it as the `nextToken` parameter for the next page') });
export type ListExecutionsResponse = z.infer<typeof ListExecutionsResponseSchema>;

/** One history event of an execution, as the console and the CLI show it. */
export const TimelineEntrySchema = z.strictObject({
  id: z.number().int(),
  /** The event this one follows (AWS's `previousEventId`). */
  previousEventId: z.number().int().optional(),
  timestamp: z.string(),
  type: z.string(),
  /** The state a `*StateEntered` / `*StateExited` event is about. */
  state: z.string().optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
  /** JSON text of the input the event carries (state entered, execution started). */
  input: z.string().optional(),
  /** JSON text of the output the event carries (state exited, task succeeded, execution succeeded). */
  output: z.string().optional(),
  /** Variables a state's `Assign` set, name to JSON text (`*StateExited`). */
  assignedVariables: z.record(z.string(), z.string()).optional(),
  /** What a `TaskScheduled` event calls: `{resourceType}:{resource}`, e.g. `dynamodb:updateItem`. */
  resource: z.string().optional(),
  /** The item index of a `MapIteration*` event. */
  index: z.number().int().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** `GET /executions/{arn}`: the execution, the definition it ran, and its history as a timeline. */
export const ExecutionDetailSchema = ExecutionSummarySchema.extend({
  stateMachineArn: z.string(),
  workflow: WorkflowKeySchema.optional(),
  /** The ASL (JSON text) this execution ran: the console draws it. */
  definition: z.string(),
  input: z.string().optional(),
  output: z.string().optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
  /** What ops can do: redrive an infrastructure failure, reprocess a failed invoice. */
  remedy: z.enum(['redrive', 'reprocess', 'none']),
  timeline: z.array(TimelineEntrySchema),
});
export type ExecutionDetail = z.infer<typeof ExecutionDetailSchema>;

/** Answer of a redrive or a reprocess: the execution now running. */
export const StartedExecutionSchema = z.strictObject({ executionArn: z.string(), invoiceId: UlidSchema.optional() });
export type StartedExecution = z.infer<typeof StartedExecutionSchema>;

/** `GET /ops/failures`: what waits on the failures queue. */
export const FailuresResponseSchema = z.strictObject({ items: z.array(FailureMessageSchema) });
export type FailuresResponse = z.infer<typeof FailuresResponseSchema>;

/** `POST /ops/failures/reprocess`: some invoices, or all of them. */
export const ReprocessFailuresRequestSchema = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ invoiceIds: z.array(UlidSchema).min(1).max(500) }),
]);
export type ReprocessFailuresRequest = z.infer<typeof ReprocessFailuresRequestSchema>;

/** What a batch reprocess did, per invoice. */
export const ReprocessFailuresResponseSchema = z.strictObject({
  started: z.array(StartedExecutionSchema),
  skipped: z.array(z.strictObject({ invoiceId: UlidSchema, reason: z.string() })),
});
export type ReprocessFailuresResponse = z.infer<typeof ReprocessFailuresResponseSchema>;
