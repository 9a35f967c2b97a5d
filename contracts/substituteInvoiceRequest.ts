import { z } from 'zod';
import { EmitInvoiceRequestSchema } from './emitInvoiceRequest';
import { CancellationReasonCodeSchema } from './fields';

/**
 * `POST /invoices/{id}/substitute` body: the new invoice's content, as `POST /invoices` takes it
 * minus what a substitution cannot change (the company and the municipality are the replaced
 * invoice's), and why it replaces the old one. Which codes (and reason) the city takes is its
 * registry entry's (`substitutionRulesOf`): the national `subst` group's `cMotivo` 1–5 or 99 with
 * an optional 15–255 character `xMotivo`; an ABRASF 2.04 city's cancellation codes, which its
 * `SubstituirNfse` carries in the `Pedido` (no text there: `reason` is kept by us only).
 */
export const SubstituteInvoiceRequestSchema = EmitInvoiceRequestSchema.omit({ companyCnpj: true, municipalityCode: true }).extend({
  reasonCode: CancellationReasonCodeSchema,
  reason: z.string().trim().min(1).max(255).optional(),
});
export type SubstituteInvoiceRequest = z.infer<typeof SubstituteInvoiceRequestSchema>;
