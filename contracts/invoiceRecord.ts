import { z } from 'zod';
import { ServiceSchema, TomadorSchema } from './emitInvoiceRequest';
import { CancellationReasonCodeSchema, CnpjSchema, IsoDateSchema, IsoTimestampSchema, MoneySchema, MunicipalityCodeSchema, UlidSchema } from './fields';
import { InvoiceStatusSchema } from './invoiceStatus';
import { ProviderNameSchema } from './municipality';
import { ChaveAcessoSchema } from './nacionalApi';
import { OpsActionSchema } from './opsAction';
import { RpsSchema } from './rps';

export { RpsSchema, type Rps } from './rps';
import type { Rps } from './rps';

/** What went wrong, as the city or the platform said it. */
export const InvoiceErrorSchema = z.strictObject({
  /** A taxonomy name (`Provider.Rejected`) or the city's code (`E10`). */
  code: z.string().min(1),
  message: z.string(),
  /**
   * The error the workflow caught (`Provider.Rejected`, `Provider.Ambiguous`, `States.Timeout`):
   * whether the city may have acted, which decides what ops may do. Absent on records written
   * before it was kept.
   */
  kind: z.string().min(1).optional(),
});
export type InvoiceError = z.infer<typeof InvoiceErrorSchema>;

/** An RPS number a correction replaced: it may have reached the city, so it is never sent again with other content. */
export const ReplacedRpsSchema = RpsSchema.extend({
  /** The city it was numbered for (RPS counters are per company, city and series). */
  municipalityCode: MunicipalityCodeSchema,
  replacedAt: IsoTimestampSchema,
});
export type ReplacedRps = z.infer<typeof ReplacedRpsSchema>;

/** A cancellation as asked and as done. */
export const CancellationSchema = z.strictObject({
  /** The city's cancellation code (ABRASF 1–5, national 1, 2, 9: its registry entry says which). */
  reasonCode: CancellationReasonCodeSchema,
  reason: z.string().max(255).optional(),
  requestedAt: IsoTimestampSchema,
  cancelledAt: IsoTimestampSchema.optional(),
});
export type Cancellation = z.infer<typeof CancellationSchema>;

/** A substitution as asked and as done, on both invoices (the replaced one and its replacement). */
export const SubstitutionSchema = z.strictObject({
  /** The city's code for why (national `cMotivo` 1–5, 99; an ABRASF city's cancellation codes). */
  reasonCode: CancellationReasonCodeSchema,
  reason: z.string().max(255).optional(),
  requestedAt: IsoTimestampSchema,
  substitutedAt: IsoTimestampSchema.optional(),
});
export type Substitution = z.infer<typeof SubstitutionSchema>;

/** The invoice in `INVOICES_TABLE` (PK `invoiceId`). */
export const InvoiceRecordSchema = z.strictObject({
  invoiceId: UlidSchema,
  companyCnpj: CnpjSchema,
  municipalityCode: MunicipalityCodeSchema,
  total: MoneySchema,
  status: InvoiceStatusSchema,
  service: ServiceSchema,
  tomador: TomadorSchema,
  competence: IsoDateSchema,
  rps: RpsSchema,
  /** The system that issues it (the municipality's `provider` at emission); absent on invoices emitted before it was recorded. */
  provider: ProviderNameSchema.optional(),
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
  processedAt: IsoTimestampSchema.optional(),
  /** `xml/{invoiceId}.xml`: the RPS we sent. */
  xmlKey: z.string(),
  /** `nfse/{invoiceId}.xml`: the legal document the city returned. */
  nfseXmlKey: z.string(),
  providerProtocol: z.string().optional(),
  nfseNumber: z.string().optional(),
  verificationCode: z.string().optional(),
  /** The national system's access key of the NFS-e (50 characters). */
  chaveAcesso: ChaveAcessoSchema.optional(),
  /** Where the NFS-e's PDF is (`nfse/{invoiceId}.pdf`): the national DANFSe, or the DANFSe-like PDF the adapter builds for ABRASF cities. */
  danfseKey: z.string().optional(),
  executionArn: z.string().optional(),
  error: InvoiceErrorSchema.optional(),
  cancellation: CancellationSchema.optional(),
  /** The invoice this one replaces (its substitution): that one ends SUBSTITUTED when the city issues this one. */
  substitutes: UlidSchema.optional(),
  /** The invoice replacing this one: set when its substitution is asked for, removed if the city refuses it. */
  substitutedBy: UlidSchema.optional(),
  substitution: SubstitutionSchema.optional(),
  /** What the substitution of this invoice was asked with (a hash): the same content asked again is the same substitution. */
  substitutionFingerprint: z.string().min(1).optional(),
  /** Cancellation attempts started: names them `{invoiceId}-cancel-{n}` and lets only one run at a time. */
  cancelAttempts: z.number().int().min(0).optional(),
  /** Re-emissions started by ops (reprocessings and corrections): names them `{invoiceId}-r{n}`. */
  reprocessCount: z.number().int().min(0).optional(),
  /** RPS numbers corrections replaced, oldest first. */
  replacedRps: z.array(ReplacedRpsSchema).optional(),
  /** What ops did to the invoice, oldest first: the invoice's timeline shows it. */
  opsActions: z.array(OpsActionSchema).optional(),
  /** Who asked for it (`sub` or `client_id`). */
  createdBy: z.string().min(1),
  /** GSI `byCompany`: sort key `{createdAt}#{invoiceId}` for listing by company and date. */
  companyCreatedAt: z.string(),
  /**
   * GSI `awaitingStart` (sparse): present only while the record is EMITTED and no workflow has
   * claimed it (MarkProcessing removes it), so the sweeper reads the few records that may need
   * it instead of the whole table. One of {@link SWEEP_SHARDS} partitions.
   */
  sweepShard: z.string().regex(/^\d+$/).optional(),
});
export type InvoiceRecord = z.infer<typeof InvoiceRecordSchema>;

/** The invoices table's global secondary indexes. */
export const INVOICE_INDEXES = {
  /** `companyCnpj` + `companyCreatedAt`: a company's invoices by date. */
  byCompany: 'byCompany',
  /** `sweepShard` + `createdAt`, sparse: EMITTED records no workflow has claimed yet. */
  awaitingStart: 'awaitingStart',
} as const;

/** Partitions of the `awaitingStart` index: writes spread over them at any emission rate. */
export const SWEEP_SHARDS = 10;

/** The `awaitingStart` partition of an invoice (from the random part of its ULID). */
export function sweepShardOf(invoiceId: string): string {
  return String(invoiceId.charCodeAt(invoiceId.length - 1) % SWEEP_SHARDS);
}

/** S3 keys of an invoice's documents. */
export function documentKeys(invoiceId: string): { readonly xmlKey: string; readonly nfseXmlKey: string } {
  return { xmlKey: `xml/${invoiceId}.xml`, nfseXmlKey: `nfse/${invoiceId}.xml` };
}

/**
 * S3 key of the document an adapter stores beside those two: the NFS-e's PDF (the national
 * DANFSe, or for ABRASF cities, which serve none, the DANFSe-like PDF the adapter builds). The document as sent, signed, is the one at `xmlKey`: the
 * adapter replaces the unsigned RPS or DPS with it before sending, for every provider alike.
 */
export function issuedDocumentKeys(invoiceId: string): { readonly danfseKey: string } {
  return { danfseKey: `nfse/${invoiceId}.pdf` };
}

/** The S3 key of a corrected invoice's RPS XML: one per RPS number, so the XML of a replaced RPS is kept as it was sent. */
export function correctedXmlKey(invoiceId: string, rps: Rps): string {
  return `xml/${invoiceId}-rps-${rps.serie}-${rps.numero}.xml`;
}
