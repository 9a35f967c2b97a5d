import { z } from 'zod';

/**
 * The NFS-e's access key (TSChaveNFSe, 50 characters): cMun of the emitter (7) + environment (1)
 * + type of registration (1 CPF, 2 CNPJ) + CPF/CNPJ (14, the alphanumeric CNPJ allowed) + NFS-e
 * number (13) + year and month of issue (4) + numeric code (9) + check digit (1). The NFS-e's `Id`
 * is `NFS` + the key.
 */
export const ChaveAcessoSchema = z.string().regex(/^\d{7}[12][12][0-9A-Z]{14}\d{27}$/, 'must be the 50-character NFS-e access key (chaveAcesso)');
export type ChaveAcesso = z.infer<typeof ChaveAcessoSchema>;

/** The DPS `Id` (TSIdDPS, 45 characters): `DPS` + cMun (7) + type (1) + CPF/CNPJ (14) + série (5) + number (15). */
export const DpsIdSchema = z.string().regex(/^DPS\d{7}(1\d{14}|2[0-9A-Z]{14})\d{20}$/, 'must be the 45-character DPS Id');

/**
 * One message of a Sefin Nacional refusal. The published answers spell the fields `Codigo`,
 * `Descricao`, `Complemento`; some gateways lower-case them, so both spellings are read.
 */
export const SefinMessageSchema = z
  .looseObject({
    Codigo: z.string().optional(),
    codigo: z.string().optional(),
    Descricao: z.string().optional(),
    descricao: z.string().optional(),
    Complemento: z.string().nullable().optional(),
    complemento: z.string().nullable().optional(),
  })
  .transform((message) => ({
    code: message.Codigo ?? message.codigo ?? 'UNKNOWN',
    message: message.Descricao ?? message.descricao ?? '',
    complement: message.Complemento ?? message.complemento ?? undefined,
  }));
export type SefinMessage = z.infer<typeof SefinMessageSchema>;

/** A 4xx answer of Sefin Nacional: `erros` (and, on some operations, `alertas`). */
export const SefinErrorResponseSchema = z.looseObject({
  erros: z.array(SefinMessageSchema).min(1),
  alertas: z.array(SefinMessageSchema).nullable().optional(),
});

/** `POST /nfse`: the signed DPS, gzip, base64. */
export const SefinEmitRequestSchema = z.strictObject({ dpsXmlGZipB64: z.string().min(1) });
export type SefinEmitRequest = z.infer<typeof SefinEmitRequestSchema>;

/** `201` of `POST /nfse`: the NFS-e generated from the DPS. */
export const SefinEmitResponseSchema = z.looseObject({
  tipoAmbiente: z.number().int().optional(),
  versaoAplicativo: z.string().optional(),
  dataHoraProcessamento: z.string().optional(),
  idDps: z.string().optional(),
  chaveAcesso: ChaveAcessoSchema,
  nfseXmlGZipB64: z.string().min(1),
  alertas: z.array(SefinMessageSchema).nullable().optional(),
});
export type SefinEmitResponse = z.infer<typeof SefinEmitResponseSchema>;

/** `GET /nfse/{chaveAcesso}`. */
export const SefinNfseResponseSchema = z.looseObject({
  chaveAcesso: ChaveAcessoSchema,
  nfseXmlGZipB64: z.string().min(1),
});
export type SefinNfseResponse = z.infer<typeof SefinNfseResponseSchema>;

/** `GET /dps/{idDps}`: the key of the NFS-e the DPS produced. */
export const SefinDpsResponseSchema = z.looseObject({
  idDps: z.string().optional(),
  chaveAcesso: ChaveAcessoSchema,
});
export type SefinDpsResponse = z.infer<typeof SefinDpsResponseSchema>;

/** `POST /nfse/{chaveAcesso}/eventos`: the signed `pedRegEvento`, gzip, base64. */
export const SefinEventRequestSchema = z.strictObject({ pedidoRegistroEventoXmlGZipB64: z.string().min(1) });
export type SefinEventRequest = z.infer<typeof SefinEventRequestSchema>;

/** `201` of `POST /nfse/{chaveAcesso}/eventos`, and each event of `GET .../eventos`. */
export const SefinEventResponseSchema = z.looseObject({
  tipoAmbiente: z.number().int().optional(),
  dataHoraProcessamento: z.string().optional(),
  eventoXmlGZipB64: z.string().min(1),
});
export type SefinEventResponse = z.infer<typeof SefinEventResponseSchema>;

/** `GET /nfse/{chaveAcesso}/eventos[/{tipoEvento}[/{nSeq}]]`. */
export const SefinEventListResponseSchema = z.looseObject({
  eventos: z.array(SefinEventResponseSchema),
});
export type SefinEventListResponse = z.infer<typeof SefinEventListResponseSchema>;

/** The national cancellation event's reason codes (`cMotivo`, TSCodJustCanc): 1 erro na emissão, 2 serviço não prestado, 9 outros. */
export const NACIONAL_CANCELLATION_CODES = [1, 2, 9] as const;

/** The event types we register: cancellation (`e101101`). */
export const NACIONAL_EVENT_TYPES = { cancellation: '101101', substitution: '105102' } as const;
