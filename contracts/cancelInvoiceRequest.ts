import { z } from 'zod';

/** `POST /invoices/{id}/cancel` body. ABRASF codes: 1 erro na emissão, 2 serviço não prestado, 3 duplicidade, 4 outros, 5 (reserved by some cities). */
export const CancelInvoiceRequestSchema = z.strictObject({
  reasonCode: z.number().int().min(1).max(5),
  reason: z.string().trim().min(1).max(255).optional(),
});
export type CancelInvoiceRequest = z.infer<typeof CancelInvoiceRequestSchema>;
