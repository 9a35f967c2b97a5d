import { z } from 'zod';

/** Where the local gateway posts its counts and reads the keys it serves (local only, on the edge). */
export const USAGE_SYNC_PATH = '/_local/apigateway/sync';

/** What the local gateway counted since it last synced: requests let through, per key, with when. */
export const UsageSyncRequestSchema = z.strictObject({
  counts: z.array(z.strictObject({ keyId: z.string().min(1), requests: z.number().int().positive(), at: z.number().int() })),
});
export type UsageSyncRequest = z.infer<typeof UsageSyncRequestSchema>;

const ThrottleSchema = z.strictObject({ rateLimit: z.number(), burstLimit: z.number() });
const QuotaSchema = z.strictObject({ limit: z.number(), offset: z.number(), period: z.enum(['DAY', 'WEEK', 'MONTH']) });

/** The keys the gateway may let in (enabled, in a usage plan), with their plan's limits and what they used of the quota. */
export const UsageSyncResponseSchema = z.strictObject({
  keys: z.array(z.strictObject({ id: z.string(), value: z.string(), planId: z.string(), throttle: ThrottleSchema.optional(), quota: QuotaSchema.optional(), used: z.number() })),
});
export type UsageSyncResponse = z.infer<typeof UsageSyncResponseSchema>;
