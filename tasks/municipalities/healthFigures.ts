import { healthMinuteOf, LATENCY_BUCKET_ATTRIBUTES, LATENCY_BUCKETS_MS, type CircuitState, type CityHealthItem, type HealthWindow, type MunicipalityHealth } from '../../contracts/municipalityHealth';

/** The windows the API reports, in minutes (the current minute and the ones before it). */
export const HEALTH_WINDOWS = { short: 5, long: 15 } as const;

/** Calls the last 5 minutes need before the circuit can be anything but closed. */
export const CIRCUIT_MIN_CALLS = 5;
/** The share of failed calls that opens the circuit. */
export const CIRCUIT_ERROR_RATE = 0.5;

const MINUTE_MS = 60_000;

/** What the adapters' minute items of one city say about the windows ending at `now` (the backlog comes from its own items: `backlogFigures.ts`). */
export function healthFigures(items: readonly CityHealthItem[], now: number): Omit<MunicipalityHealth, 'backlog'> {
  const short = windowOf(items, now, HEALTH_WINDOWS.short);
  return {
    asOf: new Date(now).toISOString(),
    last5Minutes: short,
    last15Minutes: windowOf(items, now, HEALTH_WINDOWS.long),
    circuit: circuitOf(short, latestMinute(itemsWithin(items, now, HEALTH_WINDOWS.short))),
  };
}

/** The sort-key minutes a window of `minutes` ending at `now` spans, oldest first. */
export function windowMinutes(now: number, minutes: number): { readonly from: string; readonly to: string } {
  return { from: healthMinuteOf(now - (minutes - 1) * MINUTE_MS), to: healthMinuteOf(now) };
}

function itemsWithin(items: readonly CityHealthItem[], now: number, minutes: number): CityHealthItem[] {
  const { from, to } = windowMinutes(now, minutes);
  return items.filter((item) => {
    const minute = minuteOf(item);
    return minute >= from && minute <= to;
  });
}

function windowOf(items: readonly CityHealthItem[], now: number, minutes: number): HealthWindow {
  const within = itemsWithin(items, now, minutes);
  const sum = (read: (item: CityHealthItem) => number | undefined): number => within.reduce((total, item) => total + (read(item) ?? 0), 0);
  const calls = sum((item) => item.calls);
  const errors = sum((item) => item.errors);
  const buckets = LATENCY_BUCKET_ATTRIBUTES.map((attribute) => sum((item) => item[attribute]));
  return { minutes, calls, errors, rejected: sum((item) => item.rejected), errorRate: calls === 0 ? null : errors / calls, p95LatencyMs: quantile(buckets, 0.95) };
}

/**
 * The circuit, derived: the adapter has no breaker (it keeps calling a failing city within the
 * city's limits, and the state machine's retries space the attempts), so the state is read from
 * the figures as a breaker would stand. `open` when over the last 5 minutes at least
 * {@link CIRCUIT_MIN_CALLS} calls were made and at least {@link CIRCUIT_ERROR_RATE} of them failed,
 * and the latest minute with calls failed as much; `half-open` when the window is that bad but the
 * latest minute's calls mostly succeeded (the city answers again); `closed` otherwise.
 */
function circuitOf(window: HealthWindow, latest: CityHealthItem | undefined): CircuitState {
  if (window.calls < CIRCUIT_MIN_CALLS || (window.errorRate ?? 0) < CIRCUIT_ERROR_RATE || latest === undefined) return 'closed';
  return (latest.errors ?? 0) / latest.calls >= CIRCUIT_ERROR_RATE ? 'open' : 'half-open';
}

function latestMinute(items: readonly CityHealthItem[]): CityHealthItem | undefined {
  return items.filter((item) => item.calls > 0).sort((a, b) => minuteOf(a).localeCompare(minuteOf(b))).at(-1);
}

function minuteOf(item: CityHealthItem): string {
  return item.slot.slice(item.slot.indexOf('#') + 1);
}

/**
 * The `q` quantile of a histogram of counts per bucket (upper bounds {@link LATENCY_BUCKETS_MS},
 * then the rest), interpolated linearly inside its bucket as Prometheus' `histogram_quantile`
 * does; in the open last bucket it is the last bound. Null for an empty histogram.
 */
export function quantile(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (const [index, count] of buckets.entries()) {
    const upper = LATENCY_BUCKETS_MS[index];
    if (upper === undefined) return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] ?? 0;
    if (count > 0 && below + count >= rank) {
      const lower = index === 0 ? 0 : (LATENCY_BUCKETS_MS[index - 1] ?? 0);
      return Math.round(lower + ((upper - lower) * (rank - below)) / count);
    }
    below += count;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] ?? 0;
}
