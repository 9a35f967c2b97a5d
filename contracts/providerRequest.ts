import { z } from 'zod';
import { CancellationReasonCodeSchema, CnpjSchema, MoneySchema, MunicipalityCodeSchema, UlidSchema } from './fields';
import { ChaveAcessoSchema } from './nacionalApi';
import { RpsSchema } from './invoiceRecord';

const TaskFields = {
  /** The Step Functions task token to answer with SendTaskSuccess/Failure. */
  taskToken: z.string().min(1),
  /** `$states.context.State.RetryCount`: > 0 means a previous attempt may have reached the city. */
  attempt: z.number().int().min(0),
  /** The execution waiting for the answer (for logs: every adapter line carries it). */
  executionArn: z.string().min(1),
  invoiceId: UlidSchema,
  companyCnpj: CnpjSchema,
  municipalityCode: MunicipalityCodeSchema,
  rps: RpsSchema,
};

/**
 * The invoice's documents. The RPS to send is the XML stored at `xmlKey` at emission: built once,
 * sent on every attempt, and what an NFS-e the city returns must answer. No tomador data travels
 * through the workflow (LGPD): the adapter reads it from S3.
 */
const InvoiceDocumentsSchema = z.strictObject({
  total: MoneySchema,
  xmlKey: z.string(),
  /** Where the adapter stores the city's NFS-e XML. */
  nfseXmlKey: z.string(),
});

/**
 * The NFS-e an emission replaces (SubstitutionWorkflow). The national DPS carries it already (its
 * `subst` group, built at the API); an ABRASF 2.04 city is sent `SubstituirNfse` instead of
 * `GerarNfse`, with a cancellation `Pedido` for this number and code.
 */
export const ReplacedNfseSchema = z.strictObject({
  nfseNumber: z.string().min(1),
  /** The city's code for why (an ABRASF city's cancellation code; national `cMotivo`). */
  reasonCode: CancellationReasonCodeSchema,
});

/** Issue an NFS-e for this RPS. */
export const EmitProviderRequestSchema = z.strictObject({
  kind: z.literal('emit'),
  ...TaskFields,
  invoice: InvoiceDocumentsSchema,
});

/** Issue an NFS-e for this RPS that replaces another (`substitutes`): an emission in every other respect. */
export const SubstituteProviderRequestSchema = z.strictObject({
  kind: z.literal('substitute'),
  ...TaskFields,
  invoice: InvoiceDocumentsSchema,
  substitutes: ReplacedNfseSchema,
});

/** Ask an asynchronous city how the batch with this protocol went. */
export const ConsultProviderRequestSchema = z.strictObject({
  kind: z.literal('consult'),
  ...TaskFields,
  protocol: z.string().min(1),
  invoice: InvoiceDocumentsSchema,
});

/** Cancel the NFS-e. */
export const CancelProviderRequestSchema = z.strictObject({
  kind: z.literal('cancel'),
  ...TaskFields,
  nfseNumber: z.string().min(1),
  /** The national system's key of the NFS-e: its cancellation event names it. Absent for ABRASF cities. */
  chaveAcesso: ChaveAcessoSchema.optional(),
  /** The city's own code (checked against its registry entry by the API). */
  reasonCode: CancellationReasonCodeSchema,
  reason: z.string().max(255).optional(),
});

/** The message on `REQUESTS_QUEUE_URL` that an adapter answers with SendTaskSuccess/Failure. */
export const ProviderRequestSchema = z.discriminatedUnion('kind', [EmitProviderRequestSchema, SubstituteProviderRequestSchema, ConsultProviderRequestSchema, CancelProviderRequestSchema]);
export type ProviderRequest = z.infer<typeof ProviderRequestSchema>;
export type EmitProviderRequest = z.infer<typeof EmitProviderRequestSchema>;
export type SubstituteProviderRequest = z.infer<typeof SubstituteProviderRequestSchema>;
/** A request that sends an RPS to be issued: a plain emission or a substitution. */
export type IssueProviderRequest = EmitProviderRequest | SubstituteProviderRequest;
export type ConsultProviderRequest = z.infer<typeof ConsultProviderRequestSchema>;
export type CancelProviderRequest = z.infer<typeof CancelProviderRequestSchema>;
