import { z } from 'zod';

/** An outbox row PutEvents refused: it stays unpublished (and unclaimed) for the next run. */
export const OutboxFailedEntrySchema = z.strictObject({
  eventId: z.uuid(),
  errorCode: z.string(),
  errorMessage: z.string(),
});

/**
 * What one run of the outbox relay did (the relay Lambda's result). `published` lists event ids
 * in the order PutEvents accepted them; an aggregate whose row failed publishes nothing more in
 * that run, so its later rows are `released` with the rows left when the lease ran short.
 */
export const OutboxRelayResultSchema = z.strictObject({
  /** Rows this run claimed (leased) in `seq` order. */
  claimed: z.number().int().min(0),
  published: z.array(z.uuid()),
  failed: z.array(OutboxFailedEntrySchema),
  /** Claimed rows handed back unpublished: the failed ones, the later rows of their aggregates, those left when the lease ran short. */
  released: z.number().int().min(0),
});
export type OutboxRelayResult = z.infer<typeof OutboxRelayResultSchema>;
export type OutboxFailedEntry = z.infer<typeof OutboxFailedEntrySchema>;
