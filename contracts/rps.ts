import { z } from 'zod';

/** The RPS (Recibo Provisório de Serviços) number: allocated once at emission, sent on every attempt. */
export const RpsSchema = z.strictObject({
  serie: z.string().min(1).max(5),
  numero: z.number().int().positive(),
});
export type Rps = z.infer<typeof RpsSchema>;
