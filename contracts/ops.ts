import { z } from 'zod';
import { EmitInvoiceRequestSchema } from './emitInvoiceRequest';
import { ExecutionActivitySchema } from './executionActivity';
import { FailureMessageSchema } from './failureMessage';
import { IsoDateSchema, UlidSchema } from './fields';
import { InvoiceStatusSchema } from './invoiceStatus';
import { RpsSchema } from './rps';

/** The workflows ops can look at. */
export const WorkflowKeySchema = z.enum(['emission', 'cancellation', 'substitution']);
export type WorkflowKey = z.infer<typeof WorkflowKeySchema>;

/**
 * The workflows `GET /executions` lists: the invoice workflows, the billing ones (seed 003) and
 * the orders saga (seed 004) — every state machine an engineer watches, as the Step Functions
 * console lists them.
 */
export const ListedWorkflowSchema = z.enum([...WorkflowKeySchema.options, 'billingCycle', 'cnpjSync', 'orderSaga']);
export type ListedWorkflow = z.infer<typeof ListedWorkflowSchema>;

export const ExecutionStatusSchema = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']);

/** `GET /executions` query string. */
export const ListExecutionsQuerySchema = z.strictObject({
  /** @default 'emission' */
  workflow: ListedWorkflowSchema.default('emission').describe(
    "Which state machine: an invoice workflow (emission, cancellation, substitution; a viewer sees their companies' invoices only), a billing one (billingCycle, cnpjSync; the roles that read billing runs) or the orders saga (orderSaga; ops, others read their orders' sagas from GET /orders/{orderId})",
  ),
  status: ExecutionStatusSchema.optional().describe('Only executions in this status'),
  /** @default 50 */
  limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Executions per page'),
  nextToken: z.string().max(4096).optional().describe('Where the page starts: the `nextToken` of the previous answer, sent back as is with the same filters'),
  name: z
    .string()
    .min(1, { message: 'must not be empty' })
    .max(80, { message: 'must be at most 80 characters (an execution name)' })
    .optional()
    .describe('Only executions whose name starts with this: an invoice id finds its emission, its reprocesses (`{id}-r{n}`) and its cancellations (`{id}-cancel-{n}`)'),
  from: IsoDateSchema.optional().describe('Only executions started on or after this day (UTC)'),
  to: IsoDateSchema.optional().describe('Only executions started on or before this day (UTC)'),
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
  /** Why a FAILED, TIMED_OUT or ABORTED execution ended (the listing reads it for those only). */
  error: z.string().optional(),
  cause: z.string().optional(),
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
  /** What it is doing, while it runs. */
  activity: ExecutionActivitySchema.optional(),
  timeline: z.array(TimelineEntrySchema),
});
export type ExecutionDetail = z.infer<typeof ExecutionDetailSchema>;

/** Answer of a redrive or a reprocess: the execution now running. */
export const StartedExecutionSchema = z.strictObject({ executionArn: z.string(), invoiceId: UlidSchema.optional() });
export type StartedExecution = z.infer<typeof StartedExecutionSchema>;

/**
 * What a failure asks of ops now, judged against its invoice: `open` needs someone; `inProgress`
 * a later execution is working on the invoice; `resolved` the invoice moved on (issued,
 * cancelled, or a later attempt failed with an entry of its own), so it leaves the queue.
 */
export const FailureStateSchema = z.enum(['open', 'inProgress', 'resolved']);
export type FailureState = z.infer<typeof FailureStateSchema>;

/**
 * What ops may do with an open entry: `reprocess` (a new emission with the same RPS, or a new
 * cancel request with the same reason), `correct` (change the fields a city rejected and
 * re-emit under a new RPS: only for a permanent error, never when the city may have issued it),
 * `dismiss` (take it off the queue with a reason).
 */
export const FailureActionSchema = z.enum(['reprocess', 'correct', 'dismiss']);
export type FailureAction = z.infer<typeof FailureActionSchema>;

/** One message of the failures queue, with where its invoice is now. */
export const FailureEntrySchema = FailureMessageSchema.extend({
  state: FailureStateSchema,
  /** The invoice's status now; absent when its record is gone. */
  invoiceStatus: InvoiceStatusSchema.optional(),
  /** Why it is in progress or resolved, in words. */
  note: z.string().optional(),
  actions: z.array(FailureActionSchema),
});
export type FailureEntry = z.infer<typeof FailureEntrySchema>;

/**
 * `GET /ops/failures`: what waits on the failures queue (the first 100 messages). A resolved
 * entry is listed once more, marked so, as it leaves the queue.
 */
export const FailuresResponseSchema = z.strictObject({ items: z.array(FailureEntrySchema) });
export type FailuresResponse = z.infer<typeof FailuresResponseSchema>;

/** `POST /ops/failures/{id}/dismiss`: why nothing more will be done (kept in the invoice's timeline). */
export const DismissFailureRequestSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type DismissFailureRequest = z.infer<typeof DismissFailureRequestSchema>;

/** What a dismissal took off the queue. */
export const DismissFailureResponseSchema = z.strictObject({ invoiceId: UlidSchema, dismissed: z.number().int().min(1) });
export type DismissFailureResponse = z.infer<typeof DismissFailureResponseSchema>;

const EMIT = EmitInvoiceRequestSchema.shape;

/** The fields a correction may change, as `POST /invoices` takes them: the invoice's own, never its company. */
export const InvoiceCorrectionSchema = z
  .strictObject({
    municipalityCode: EMIT.municipalityCode.optional(),
    total: EMIT.total.optional(),
    service: EMIT.service.optional(),
    tomador: EMIT.tomador.optional(),
    competence: EMIT.competence,
    // No default here: a correction that does not name the series keeps the invoice's.
    rpsSeries: EMIT.rpsSeries.unwrap().optional(),
  })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), { message: 'name at least one field to change' });
export type InvoiceCorrection = z.infer<typeof InvoiceCorrectionSchema>;

/** `POST /ops/invoices/{id}/correct`: the fields that caused the rejection, and why (kept in the invoice's timeline). */
export const CorrectInvoiceRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  changes: InvoiceCorrectionSchema,
});
export type CorrectInvoiceRequest = z.infer<typeof CorrectInvoiceRequestSchema>;

/** The re-emission a correction started: the same invoice under a new RPS. */
export const CorrectedInvoiceSchema = z.strictObject({
  invoiceId: UlidSchema,
  executionArn: z.string(),
  rps: RpsSchema,
  replacedRps: RpsSchema,
});
export type CorrectedInvoice = z.infer<typeof CorrectedInvoiceSchema>;

/** An execution that failed inside its workflow (not through the invoice's failure path). */
export const FailedExecutionSchema = ExecutionSummarySchema.extend({
  workflow: WorkflowKeySchema,
  /** The state it failed at. */
  failedState: z.string().optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
  remedy: z.enum(['redrive', 'reprocess', 'none']),
  invoiceId: UlidSchema.optional(),
});
export type FailedExecution = z.infer<typeof FailedExecutionSchema>;

/** `GET /ops/failed-executions`: the newest FAILED and TIMED_OUT executions whose remedy is a redrive. */
export const FailedExecutionsResponseSchema = z.strictObject({ items: z.array(FailedExecutionSchema) });
export type FailedExecutionsResponse = z.infer<typeof FailedExecutionsResponseSchema>;

/** `POST /ops/failed-executions/redrive`: some executions (ARNs or names), or every one listed. */
export const RedriveExecutionsRequestSchema = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ executions: z.array(z.string().min(1).max(256)).min(1).max(100) }),
]);
export type RedriveExecutionsRequest = z.infer<typeof RedriveExecutionsRequestSchema>;

/** What a bulk redrive did, per execution. */
export const RedriveExecutionsResponseSchema = z.strictObject({
  redriven: z.array(StartedExecutionSchema),
  skipped: z.array(z.strictObject({ execution: z.string(), reason: z.string() })),
});
export type RedriveExecutionsResponse = z.infer<typeof RedriveExecutionsResponseSchema>;

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
