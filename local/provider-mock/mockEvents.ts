import { z } from 'zod';
import { FAILURE_KINDS } from './mockKnobs';

const MessageSchema = z.strictObject({ code: z.string(), message: z.string(), correction: z.string().optional() });

const NfseFieldsSchema = z.strictObject({
  numero: z.number().int().positive(),
  codigoVerificacao: z.string(),
  dataEmissao: z.string(),
  municipalityCode: z.string(),
  cnpj: z.string(),
  valorServicos: z.string(),
  aliquota: z.string().optional(),
  valorIss: z.string().optional(),
  declaracaoXml: z.string(),
  nfseSubstituida: z.number().int().positive().optional(),
});

const CancelamentoSchema = z.strictObject({ reasonCode: z.string(), dataHora: z.string(), substitutedBy: z.number().int().positive().optional() });

const ReceivedRpsSchema = z.strictObject({
  numero: z.string(),
  serie: z.string(),
  cnpj: z.string(),
  municipalityCode: z.string(),
  valorServicos: z.string(),
  aliquota: z.string().optional(),
  valorIss: z.string().optional(),
  declaracaoXml: z.string(),
});

const RpsStatsSchema = z.strictObject({ calls: z.record(z.string(), z.number()), nfseIssued: z.number() });

/** What the city systems hold: enough to rebuild every index (`numberKey` is `{city}/{numero}`). */
export const CityStateSchema = z.strictObject({
  numbering: z.record(z.string(), z.number().int()),
  protocolSeq: z.number().int(),
  nfse: z.array(z.strictObject({ fields: NfseFieldsSchema, cancelamento: CancelamentoSchema.optional() })),
  byRps: z.array(z.tuple([z.string(), z.string()])),
  lots: z.array(
    z.strictObject({
      city: z.string(),
      protocolo: z.string(),
      numeroLote: z.string(),
      cnpj: z.string(),
      rps: z.array(ReceivedRpsSchema),
      consultations: z.number().int(),
      issued: z.array(z.string()).optional(),
      messages: z.array(MessageSchema).optional(),
    }),
  ),
  pending: z.array(z.tuple([z.string(), z.string()])),
});
export type CityState = z.infer<typeof CityStateSchema>;

export const StatsStateSchema = z.strictObject({
  calls: z.record(z.string(), z.number()),
  injected: z.record(z.string(), z.number()),
  issued: z.number(),
  cancelled: z.number(),
  rejected: z.number(),
  /** Absent in journals written before SubstituirNfse was answered. */
  substituted: z.number().default(0),
  byRps: z.record(z.string(), RpsStatsSchema),
});

/**
 * One line of the mock city's journal: each change to what the cities issued, numbered, batched
 * and counted, written before the answer that reveals it. `snapshot` starts a compacted journal.
 */
export const MockEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('snapshot'), city: CityStateSchema, stats: StatsStateSchema }),
  /** An NFS-e issued; `indexKey` is where the RPS index keeps it (per city, or shared). */
  z.strictObject({ kind: z.literal('issued'), indexKey: z.string(), fields: NfseFieldsSchema }),
  z.strictObject({ kind: z.literal('cancelled'), numberKey: z.string(), cancelamento: CancelamentoSchema }),
  /** SubstituirNfse: the new NFS-e issued (as `issued`) and the one at `numberKey` cancelled by it, in one change. */
  z.strictObject({ kind: z.literal('substituted'), indexKey: z.string(), fields: NfseFieldsSchema, numberKey: z.string(), cancelamento: CancelamentoSchema }),
  /** A batch received; `existing` are NFS-e already issued for its RPS, `pending` the RPS it now holds. */
  z.strictObject({
    kind: z.literal('lotReceived'),
    city: z.string(),
    protocolo: z.string(),
    numeroLote: z.string(),
    cnpj: z.string(),
    rps: z.array(ReceivedRpsSchema),
    existing: z.array(z.string()).optional(),
    pending: z.array(z.string()),
  }),
  z.strictObject({ kind: z.literal('lotConsulted'), protocolo: z.string() }),
  /** A batch processed: its RPS leave the queue; `issued` the NFS-e it made (none: all were duplicates). */
  z.strictObject({ kind: z.literal('lotProcessed'), protocolo: z.string(), released: z.array(z.string()), issued: z.array(z.string()), messages: z.array(MessageSchema).optional() }),
  z.strictObject({ kind: z.literal('call'), operation: z.string(), rpsKey: z.string().optional() }),
  z.strictObject({ kind: z.literal('injected'), failure: z.enum(FAILURE_KINDS) }),
  z.strictObject({ kind: z.literal('counted'), what: z.enum(['issued', 'cancelled', 'rejected', 'substituted']), rpsKey: z.string().optional() }),
]);
export type MockEvent = z.infer<typeof MockEventSchema>;

/** Where changes are written before they are answered; absent, the mock keeps them in memory only. */
export interface MockEventSink {
  append(event: MockEvent): void;
}
