import { z } from 'zod';
import { BillingErrorSchema, BillingSummarySchema } from './billingCycle';
import { CONSOLIDATION_STATUSES } from './billingSchemaSql';
import { CompetenciaSchema } from './billingUsage';
import { ExecutionStatusSchema } from './ops';

/** `POST /billing/runs`: a month to bill, or some of its companies (ops reprocessing them). */
export const StartBillingRunRequestSchema = z.strictObject({
  competencia: CompetenciaSchema.describe('The month to bill, YYYY-MM: this month or an earlier one'),
  empresaIds: z.array(z.string().regex(/^\d+$/, 'must be the usage platform’s numeric company id')).min(1).max(1000).optional().describe('Only these companies (the usage platform’s ids): reprocessing them'),
});
export type StartBillingRunRequest = z.infer<typeof StartBillingRunRequestSchema>;

/** `/billing/runs/{id}`: a run is its execution's name. */
export const BillingRunPathSchema = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be a billing run id (its execution’s name)').describe('The run’s id: its execution’s name') });

/** `GET /billing/runs` query. */
export const ListBillingRunsQuerySchema = z.strictObject({
  /** @default 20 */
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Runs per page, newest first'),
  nextToken: z.string().max(4096).optional().describe('Where the page starts: the `nextToken` of the previous answer, sent back as is'),
});
export type ListBillingRunsQuery = z.infer<typeof ListBillingRunsQuerySchema>;

/** The run a POST started. */
export const StartedBillingRunSchema = z.strictObject({ runId: z.string(), executionArn: z.string(), competencia: CompetenciaSchema });
export type StartedBillingRun = z.infer<typeof StartedBillingRunSchema>;

/** The run that held a run's month while it ran: a run of the same state machine. */
export const BillingRunRefSchema = z.strictObject({
  runId: z.string().describe('Its id: GET /billing/runs/{runId}'),
  executionArn: z.string(),
});
export type BillingRunRef = z.infer<typeof BillingRunRefSchema>;

/**
 * A run: its execution, the month and, once it ended, what it did: `summary` when it billed the
 * month, `heldBy` when it found another run billing the month and did nothing (it still SUCCEEDED).
 */
export const BillingRunSchema = z.strictObject({
  runId: z.string(),
  executionArn: z.string(),
  competencia: CompetenciaSchema,
  trigger: z.enum(['scheduled', 'manual']),
  status: ExecutionStatusSchema,
  startDate: z.iso.datetime(),
  stopDate: z.iso.datetime().optional(),
  summary: BillingSummarySchema.optional(),
  heldBy: BillingRunRefSchema.optional().describe('Present when the run did nothing: this other run was billing the month (a scheduled run meeting a manual one, or the reverse)'),
});
export type BillingRun = z.infer<typeof BillingRunSchema>;

export const ListBillingRunsResponseSchema = z.strictObject({
  items: z.array(BillingRunSchema),
  nextToken: z.string().optional().describe('Present when more runs follow: send it as the `nextToken` parameter for the next page'),
});
export type ListBillingRunsResponse = z.infer<typeof ListBillingRunsResponseSchema>;

/** A company's month as `billing.consolidations` holds it now. */
export const BillingCompanyOutcomeSchema = z.strictObject({
  empresaId: z.string(),
  cnpj: z.string(),
  status: z.enum(CONSOLIDATION_STATUSES),
  totalCentavos: z.number().int().min(0),
  contractId: z.number().int().optional(),
  invoiceId: z.string().optional(),
  nfseNumber: z.string().optional(),
  error: BillingErrorSchema.optional(),
  /** The run that last changed it. */
  executionArn: z.string().optional(),
});
export type BillingCompanyOutcome = z.infer<typeof BillingCompanyOutcomeSchema>;

/** `GET /billing/runs/{id}`: the run, and each company of its month with its outcome. */
export const BillingRunDetailSchema = BillingRunSchema.extend({ companies: z.array(BillingCompanyOutcomeSchema) });
export type BillingRunDetail = z.infer<typeof BillingRunDetailSchema>;
