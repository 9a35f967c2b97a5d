import { z } from 'zod';
import { CancellationReasonCodeSchema } from './fields';

/**
 * `POST /invoices/{id}/cancel` body. The codes and the reason a city takes are its registry
 * entry's `cancellation` (`contracts/municipality.ts`): ABRASF 2.04 (`tsCodigoCancelamentoNfse`)
 * 1 erro na emissão, 2 serviço não prestado, 3 erro de assinatura, 4 duplicidade da nota, 5 erro
 * de processamento; the national event 1 erro na emissão, 2 serviço não prestado, 9 outros, with
 * a 15–255 character reason.
 */
export const CancelInvoiceRequestSchema = z.strictObject({
  reasonCode: CancellationReasonCodeSchema,
  reason: z.string().trim().min(1).max(255).optional(),
});
export type CancelInvoiceRequest = z.infer<typeof CancelInvoiceRequestSchema>;
