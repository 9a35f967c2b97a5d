import { z } from 'zod';
import { UlidSchema } from './fields';

/**
 * An item of `REQUESTS_TABLE` (PK `requestKey` = `{principal}#{Idempotency-Key}`). Keys expire
 * after 24 h, checked in code (`expiresAt`, epoch seconds; DynamoDB TTL deletes them late).
 */
export const IdempotencyRecordSchema = z.strictObject({
  requestKey: z.string().min(1),
  /** SHA-256 of the operation and canonical body: the same key with another body is a 409. */
  fingerprint: z.string().length(64),
  /** The invoice this request creates or acts on, fixed by the first attempt. */
  invoiceId: UlidSchema,
  status: z.enum(['IN_PROGRESS', 'COMPLETED']),
  /** The answer given once completed, replayed as is. */
  response: z.strictObject({ statusCode: z.number().int(), body: z.string() }).optional(),
  createdAt: z.string(),
  expiresAt: z.number().int(),
});
export type IdempotencyRecord = z.infer<typeof IdempotencyRecordSchema>;

/** Idempotency keys: printable, at most 255 characters (as Stripe and AWS clients use them). */
export const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7E]{1,255}$/, 'must be 1-255 printable ASCII characters without spaces');

/** How long a key holds. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
