import { z } from 'zod';
import { IsoTimestampSchema } from './fields';
import { ChaveAcessoSchema } from './nacionalApi';

/** The city issued the NFS-e; its XML is stored at `nfseXmlKey`. */
export const IssuedResultSchema = z.strictObject({
  outcome: z.literal('issued'),
  nfseNumber: z.string().min(1),
  verificationCode: z.string().min(1),
  issuedAt: IsoTimestampSchema,
  nfseXmlKey: z.string().min(1),
  protocol: z.string().optional(),
  /** The national system's access key of the NFS-e (50 characters); ABRASF cities have none. */
  chaveAcesso: ChaveAcessoSchema.optional(),
  /** Where the adapter stored the NFS-e's PDF: the national DANFSe, or the DANFSe-like PDF it builds for ABRASF cities. */
  danfseKey: z.string().min(1).optional(),
});

/** An asynchronous city took the batch: consult it later with this protocol. */
export const AcceptedResultSchema = z.strictObject({
  outcome: z.literal('accepted'),
  protocol: z.string().min(1),
  receivedAt: IsoTimestampSchema,
});

/** The city cancelled the NFS-e. */
export const CancelledResultSchema = z.strictObject({
  outcome: z.literal('cancelled'),
  cancelledAt: IsoTimestampSchema,
});

/** What an adapter sends with SendTaskSuccess. */
export const ProviderResultSchema = z.discriminatedUnion('outcome', [IssuedResultSchema, AcceptedResultSchema, CancelledResultSchema]);
export type ProviderResult = z.infer<typeof ProviderResultSchema>;
export type IssuedResult = z.infer<typeof IssuedResultSchema>;
export type AcceptedResult = z.infer<typeof AcceptedResultSchema>;
export type CancelledResult = z.infer<typeof CancelledResultSchema>;

/** The `Cause` of a SendTaskFailure: JSON with the city's code and message. */
export const ProviderFailureCauseSchema = z.strictObject({
  code: z.string().min(1),
  message: z.string(),
});
export type ProviderFailureCause = z.infer<typeof ProviderFailureCauseSchema>;
