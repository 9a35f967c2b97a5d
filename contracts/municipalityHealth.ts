import { z } from 'zod';
import { CITY_LIMIT_SLOTS } from './cityLimits';
import { IsoTimestampSchema, MunicipalityCodeSchema } from './fields';

/**
 * Upper bounds (milliseconds) of the city-call latency histogram's buckets, each counting the
 * calls that took more than the previous bound and at most its own; a last bucket counts the
 * calls over 60 s (a consult before a resend and the resend, each up to the 30 s call timeout).
 */
export const LATENCY_BUCKETS_MS = [50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000] as const;

/** A histogram bucket's attribute on a health item: `le{bound}` (at most that many ms), `leInf` for the rest. */
export type LatencyBucketAttribute = `le${(typeof LATENCY_BUCKETS_MS)[number]}` | 'leInf';

/** The bucket attributes, in bound order (the last one is `leInf`). */
export const LATENCY_BUCKET_ATTRIBUTES: readonly LatencyBucketAttribute[] = [...LATENCY_BUCKETS_MS.map((bound) => `le${bound}` as const), 'leInf'];

/** The attribute of the bucket that counts a call of `durationMs`. */
export function latencyBucketOf(durationMs: number): LatencyBucketAttribute {
  const index = LATENCY_BUCKETS_MS.findIndex((bound) => durationMs <= bound);
  return index === -1 ? 'leInf' : `le${LATENCY_BUCKETS_MS[index] ?? 0}` as LatencyBucketAttribute;
}

/** How long a health item lives (DynamoDB TTL): a day after its minute, far past the 15 minutes the API reads. */
export const HEALTH_TTL_SECONDS = 86_400;

/** The minute that counts a call at `epochMs`, as written in the sort key: `2026-12-01T10:15Z` (UTC), sortable as text. */
export function healthMinuteOf(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 60_000) * 60_000).toISOString().slice(0, 16)}Z`;
}

/** The sort key of a city's health in one minute: `health#2026-12-01T10:15Z`. */
export function healthSlotKey(minute: string): string {
  return `${CITY_LIMIT_SLOTS.health}${minute}`;
}

const Count = z.number().int().nonnegative();

/**
 * One city's calls in one minute, in `CITY_LIMITS_TABLE` (PK `city`, SK {@link healthSlotKey}):
 * every adapter task adds its own counts with atomic `ADD`s, so the item is the sum over tasks.
 * `errors` are calls the city did not answer (Provider.Transient, Provider.Ambiguous);
 * `rejected` are answers refusing the content (Provider.Rejected), which a working city gives.
 */
export const CityHealthItemSchema = z.object({
  city: MunicipalityCodeSchema,
  slot: z.string().regex(/^health#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/),
  calls: Count,
  errors: Count.optional(),
  rejected: Count.optional(),
  ttl: z.number().int(),
  ...(Object.fromEntries(LATENCY_BUCKET_ATTRIBUTES.map((attribute) => [attribute, Count.optional()])) as Record<LatencyBucketAttribute, z.ZodOptional<typeof Count>>),
});
export type CityHealthItem = z.infer<typeof CityHealthItemSchema>;

/** A circuit, as a breaker in front of the city would be: see `tasks/municipalities/healthFigures.ts` for how it is derived. */
export const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;
export const CircuitStateSchema = z.enum(CIRCUIT_STATES);
export type CircuitState = z.infer<typeof CircuitStateSchema>;

/** The city's calls over the last `minutes` minutes (the current minute and the ones before it), every adapter task together. */
export const HealthWindowSchema = z.strictObject({
  minutes: z.number().int().positive(),
  calls: Count,
  /** Calls the city did not answer: Provider.Transient (refused, 5xx, busy) and Provider.Ambiguous (timed out). */
  errors: Count,
  /** Answers refusing the content (Provider.Rejected): the city works, the invoice did not. */
  rejected: Count,
  /** `errors / calls`; null without calls. */
  errorRate: z.number().min(0).max(1).nullable(),
  /** The 95th percentile of a call's duration, estimated from the histogram (linear within a bucket); null without calls. */
  p95LatencyMs: z.number().int().nonnegative().nullable(),
});
export type HealthWindow = z.infer<typeof HealthWindowSchema>;

/** The sort key of one adapter task's backlog for a city: `backlog#{taskId}`. */
export function backlogSlotKey(taskId: string): string {
  return `${CITY_LIMIT_SLOTS.backlog}${taskId}`;
}

/**
 * A report older than this many seconds is a task that stopped reporting (it crashed, or it
 * drained and stopped): readers ignore it. Three of the adapter's 10 s health flushes.
 */
export const BACKLOG_FRESH_SECONDS = 30;

/** How long a backlog item lives (DynamoDB TTL) after its report: long after readers ignore it. */
export const BACKLOG_TTL_SECONDS = 3_600;

/**
 * One adapter task's backlog for a city, in `CITY_LIMITS_TABLE` (PK `city`, SK
 * {@link backlogSlotKey}), overwritten at every health flush while the task has messages for the
 * city and once more when it has none left: the messages the task holds, received from
 * RequestsQueue, that wait for one of the city's slots, and when the oldest of them was queued
 * (its SentTimestamp, epoch ms).
 */
export const CityBacklogItemSchema = z.object({
  city: MunicipalityCodeSchema,
  slot: z.string().startsWith(CITY_LIMIT_SLOTS.backlog),
  waiting: Count,
  oldestSentAt: z.number().int().optional(),
  reportedAt: z.number().int(),
  ttl: z.number().int(),
});
export type CityBacklogItem = z.infer<typeof CityBacklogItemSchema>;

/**
 * The city's backlog, every adapter task together: messages received from RequestsQueue that
 * wait for one of the city's slots (its concurrency and rate), and how long the oldest of them has
 * been queued. Messages still in RequestsQueue are not counted: the queue is shared by every
 * city, so nobody knows their city before an adapter receives them (the queue's own age of oldest
 * message, on the dashboard, covers them).
 */
export const CityBacklogSchema = z.strictObject({
  waiting: Count,
  /** Seconds since the oldest waiting message was queued; null when nothing waits. */
  oldestAgeSeconds: z.number().int().nonnegative().nullable(),
  /** Adapter tasks that reported in the last {@link BACKLOG_FRESH_SECONDS} seconds with messages waiting. */
  tasks: Count,
});
export type CityBacklog = z.infer<typeof CityBacklogSchema>;

/** What the adapters reported about a city's system recently. */
export const MunicipalityHealthSchema = z.strictObject({
  asOf: IsoTimestampSchema,
  last5Minutes: HealthWindowSchema,
  last15Minutes: HealthWindowSchema,
  circuit: CircuitStateSchema,
  backlog: CityBacklogSchema,
});
export type MunicipalityHealth = z.infer<typeof MunicipalityHealthSchema>;
