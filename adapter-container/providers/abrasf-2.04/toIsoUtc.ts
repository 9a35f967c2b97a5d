/** Brasília time, which ABRASF cities use when a timestamp carries no zone (UTC−3, no DST since 2019). */
const BRASILIA_OFFSET = '-03:00';

/**
 * A city's `xsd:dateTime` / `xsd:date` as an ISO 8601 UTC instant (the contracts' form). Cities
 * often omit the zone; such a value is read as Brasília time.
 */
export function toIsoUtc(cityTimestamp: string): string {
  const value = cityTimestamp.trim();
  const withTime = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(withTime) ? withTime : `${withTime}${BRASILIA_OFFSET}`;
  const millis = Date.parse(zoned);
  if (Number.isNaN(millis)) throw new RangeError(`not a timestamp: ${cityTimestamp}`);
  return new Date(millis).toISOString();
}
