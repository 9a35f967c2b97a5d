import { z } from 'zod';
import { CompanyUsageSchema, CompetenciaSchema } from './billingUsage';
import { IsoTimestampSchema } from './fields';
import { InvoiceStatusSchema } from './invoiceStatus';
import { EmissionInputSchema } from './workflowInput';

/**
 * Input of `BillingCycleWorkflow`: the month (or `auto`, the month before the run's slot or start
 * in America/Sao_Paulo), optionally only some companies (ops reprocessing one), who started it.
 */
export const BillingCycleInputSchema = z.strictObject({
  competencia: z.union([CompetenciaSchema, z.literal('auto')]),
  /** The usage platform's ids of the companies to bill; absent, every company. */
  empresaIds: z.array(z.string().regex(/^\d+$/, 'must be the usage platform’s numeric company id')).min(1).optional(),
  trigger: z.enum(['scheduled', 'manual']),
  requestId: z.string().min(1).max(100),
  /** A scheduled run's slot (Scheduler's `<aws.scheduler.scheduled-time>`): `auto` is the month before it. Absent, the run's start. */
  scheduledAt: IsoTimestampSchema.optional(),
});
export type BillingCycleInput = z.infer<typeof BillingCycleInputSchema>;

/** An error as the workflow records it: the taxonomy name and what was said. */
export const BillingErrorSchema = z.strictObject({ code: z.string(), message: z.string() });
export type BillingErrorRecord = z.infer<typeof BillingErrorSchema>;

/** How one company's month ended in a run. */
export const BillingOutcomeSchema = z.strictObject({
  empresaId: z.string(),
  cnpj: z.string(),
  outcome: z.enum(['invoiced', 'skipped', 'failed']),
  totalCentavos: z.number().int().min(0),
  invoiceId: z.string().optional(),
  nfseNumber: z.string().optional(),
  contractId: z.number().int().optional(),
  error: BillingErrorSchema.optional(),
});
export type BillingOutcome = z.infer<typeof BillingOutcomeSchema>;

/** Output of `BillingCycleWorkflow`. */
export const BillingSummarySchema = z.strictObject({
  competencia: CompetenciaSchema,
  companies: z.number().int().min(0),
  invoiced: z.number().int().min(0),
  skipped: z.number().int().min(0),
  failed: z.array(z.strictObject({ empresa: z.string(), error: BillingErrorSchema })),
});
export type BillingSummary = z.infer<typeof BillingSummarySchema>;

/** A run's output when another run, still running, held its month: it did nothing. */
export const BillingMonthHeldSchema = z.strictObject({ competencia: CompetenciaSchema, heldBy: z.string() });
export type BillingMonthHeld = z.infer<typeof BillingMonthHeldSchema>;

/** A company that failed past its retries, on `BillingFailuresQueue` (the seed's `omie-integration-dlq`). */
export const BillingFailureMessageSchema = z.strictObject({
  competencia: CompetenciaSchema,
  empresaId: z.string(),
  cnpj: z.string(),
  error: BillingErrorSchema,
  executionArn: z.string(),
  failedAt: IsoTimestampSchema,
});
export type BillingFailureMessage = z.infer<typeof BillingFailureMessageSchema>;

/** The usage Lambda's events (a Task state's `Arguments`). */
export const BillingUsageEventSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('fetchVolumes'),
    competencia: BillingCycleInputSchema.shape.competencia,
    empresaIds: BillingCycleInputSchema.shape.empresaIds,
    /** The run's slot (`scheduledAt`) or else its start (`$states.context.Execution.StartTime`): `auto` is the month before it, however late the state runs (a retry, a redrive next month). */
    startedAt: IsoTimestampSchema,
  }),
  z.strictObject({ action: z.literal('listCompanies'), page: z.number().int().min(1) }),
]);
export type BillingUsageEvent = z.infer<typeof BillingUsageEventSchema>;

/** What FetchVolumes answers: the resolved month and one item per company for the Map. */
export const FetchVolumesResultSchema = z.strictObject({
  competencia: CompetenciaSchema,
  companies: z.array(CompanyUsageSchema),
  /** Asked-for ids the platform does not know, and companies whose CNPJ is invalid. */
  unknown: z.array(z.string()),
});
export type FetchVolumesResult = z.infer<typeof FetchVolumesResultSchema>;

/** The ERP Lambda's events. */
export const BillingErpEventSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('ensureClient'), company: CompanyUsageSchema.pick({ empresaId: true, cnpj: true, razaoSocial: true, email: true }) }),
  z.strictObject({ action: z.literal('createContract'), competencia: CompetenciaSchema, company: CompanyUsageSchema, codigoClienteOmie: z.number().int() }),
]);
export type BillingErpEvent = z.infer<typeof BillingErpEventSchema>;

/** The invoice Lambda's event: the month's invoice of one company, for its contract. */
export const PrepareInvoiceEventSchema = z.strictObject({ competencia: CompetenciaSchema, company: CompanyUsageSchema, contractId: z.number().int() });
export type PrepareInvoiceEvent = z.infer<typeof PrepareInvoiceEventSchema>;

/** What PrepareInvoice answers: the emission to start (or that it is already issued). */
export const PreparedInvoiceSchema = z.strictObject({
  status: InvoiceStatusSchema,
  /** The execution that emits it: the invoice id, `{id}-r{n}` when a failed one is emitted again. */
  executionName: z.string(),
  invoice: EmissionInputSchema,
  nfseNumber: z.string().optional(),
});
export type PreparedInvoice = z.infer<typeof PreparedInvoiceSchema>;

/** CnpjSyncWorkflow's input (weekly schedule, or by hand). */
export const CnpjSyncInputSchema = z.strictObject({ trigger: z.enum(['scheduled', 'manual']), requestId: z.string().min(1).max(100).optional() });

/** How one company's sync ended. */
export const CnpjSyncOutcomeSchema = z.strictObject({ empresa: z.string(), cnpj: z.string(), outcome: z.enum(['created', 'updated', 'failed']), error: BillingErrorSchema.optional() });
export type CnpjSyncOutcome = z.infer<typeof CnpjSyncOutcomeSchema>;

/** CnpjSyncWorkflow's output. */
export const CnpjSyncSummarySchema = z.strictObject({
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  failed: z.array(z.strictObject({ empresa: z.string(), cnpj: z.string(), error: BillingErrorSchema })),
});
export type CnpjSyncSummary = z.infer<typeof CnpjSyncSummarySchema>;
