import { z } from 'zod';
import { MunicipalityCodeSchema } from './fields';

/**
 * `CITY_LIMITS_TABLE`: the limits every adapter task shares, one partition per city (PK `city`,
 * the IBGE code; SK `slot`). Times are epoch milliseconds of the writer's clock; `ttl` (epoch
 * seconds) lets DynamoDB delete what nobody uses any more, long after it stopped mattering.
 */
export const CITY_LIMITS_TABLE_KEY = { partitionKey: 'city', sortKey: 'slot' } as const;
/** The table's TTL attribute. */
export const CITY_LIMITS_TTL_ATTRIBUTE = 'ttl';

/**
 * Sort-key prefixes: a concurrency slot, a rate slot, the one item where waiting tasks sign in,
 * a minute of the city's call health and one task's backlog for the city
 * (`contracts/municipalityHealth.ts`).
 */
export const CITY_LIMIT_SLOTS = { lease: 'lease#', rate: 'rate#', waiting: 'waiting', health: 'health#', backlog: 'backlog#' } as const;

/** The sort key of concurrency slot `n` (`lease#0` … `lease#{concurrency - 1}`). */
export function leaseSlotKey(n: number): string {
  return `${CITY_LIMIT_SLOTS.lease}${n}`;
}

/** The sort key of rate slot `n` (`rate#0` … `rate#{ceil(ratePerSecond) - 1}`). */
export function rateSlotKey(n: number): string {
  return `${CITY_LIMIT_SLOTS.rate}${n}`;
}

/**
 * A held concurrency slot: `holder` (one acquisition of one task) may call the city until
 * `expiresAt` unless it renews; after that any task may take the slot (a crashed task's slots
 * come back). A free slot has no item.
 */
export const CityLeaseItemSchema = z.object({
  city: MunicipalityCodeSchema,
  slot: z.string().regex(/^lease#\d+$/),
  holder: z.string().min(1),
  expiresAt: z.number(),
  ttl: z.number().int(),
});
export type CityLeaseItem = z.infer<typeof CityLeaseItemSchema>;

/** A rate slot: when the last call that used it started. A slot is reused one rate window later. */
export const CityRateItemSchema = z.object({
  city: MunicipalityCodeSchema,
  slot: z.string().regex(/^rate#\d+$/),
  startedAt: z.number(),
  ttl: z.number().int(),
});
export type CityRateItem = z.infer<typeof CityRateItemSchema>;

/** The attribute name prefix of a waiting task in the `waiting` item: `w_{taskId}` = until when (epoch ms) it waits. */
export const CITY_WAITER_PREFIX = 'w_';
