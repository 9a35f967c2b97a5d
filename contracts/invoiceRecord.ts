import { z } from 'zod';
import { ServiceSchema, TomadorSchema } from './emitInvoiceRequest';
import { CancellationReasonCodeSchema, CnpjSchema, IsoDateSchema, IsoTimestampSchema, MoneySchema, MunicipalityCodeSchema, UlidSchema } from './fields';
import { InvoiceStatusSchema } from './invoiceStatus';
import { ProviderNameSchema } from './municipality';
import { ChaveAcessoSchema } from './nacionalApi';

/** The RPS (Recibo Provisório de Serviços) number: allocated once at emission, sent on every attempt. */
export const RpsSchema = z.strictObject({
  serie: z.string().min(1).max(5),
  numero: z.number().int().positive(),
});
export type Rps = z.infer<typeof RpsSchema>;

/** What went wrong, as the city or the platform said it. */
export const InvoiceErrorSchema = z.strictObject({
  /** A taxonomy name (`Provider.Rejected`) or the city's code (`E10`). */
  code: z.string().min(1),
  message: z.string(),
});
export type InvoiceError = z.infer<typeof InvoiceErrorSchema>;

/** A cancellation as asked and as done. */
export const CancellationSchema = z.strictObject({
  /** The city's cancellation code (ABRASF 1–5, national 1, 2, 9: its registry entry says which). */
  reasonCode: CancellationReasonCodeSchema,
  reason: z.string().max(255).optional(),
  requestedAt: IsoTimestampSchema,
  cancelledAt: IsoTimestampSchema.optional(),
});
export type Cancellation = z.infer<typeof CancellationSchema>;

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
  /** Where the NFS-e's PDF is (`nfse/{invoiceId}.pdf`), when the city served one (the national DANFSe). */
  danfseKey: z.string().optional(),
  executionArn: z.string().optional(),
  error: InvoiceErrorSchema.optional(),
  cancellation: CancellationSchema.optional(),
  /** Cancellation attempts started: names them `{invoiceId}-cancel-{n}` and lets only one run at a time. */
  cancelAttempts: z.number().int().min(0).optional(),
  /** Reprocessings started by ops: names them `{invoiceId}-r{n}`. */
  reprocessCount: z.number().int().min(0).optional(),
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
 * S3 key of the document an adapter stores beside those two when the city's system has it: the
 * NFS-e's PDF (the national DANFSe). The document as sent, signed, is the one at `xmlKey`: the
 * adapter replaces the unsigned RPS or DPS with it before sending, for every provider alike.
 */
export function issuedDocumentKeys(invoiceId: string): { readonly danfseKey: string } {
  return { danfseKey: `nfse/${invoiceId}.pdf` };
}
