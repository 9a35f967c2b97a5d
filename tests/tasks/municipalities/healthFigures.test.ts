import { healthMinuteOf, type CityHealthItem } from '../../../contracts/municipalityHealth';
import { healthFigures, quantile } from '../../../tasks/municipalities/healthFigures';

const NOW = Date.parse('2026-12-01T10:15:30.000Z');

/** The item of the minute `ago` minutes before NOW's. */
function minute(ago: number, counts: Omit<CityHealthItem, 'city' | 'slot' | 'ttl'>): CityHealthItem {
  return { city: '3550308', slot: `health#${healthMinuteOf(NOW - ago * 60_000)}`, ttl: 1, ...counts };
}

describe('healthFigures', () => {
  it('sums the last 5 and 15 minutes, with the error rate and the p95 of the histogram', () => {
    const items = [minute(0, { calls: 10, errors: 1, le100: 9, le250: 1 }), minute(4, { calls: 10, errors: 0, rejected: 2, le100: 10 }), minute(5, { calls: 20, errors: 10, le5000: 20 }), minute(15, { calls: 100, errors: 100, leInf: 100 })];

    expect(healthFigures(items, NOW)).toEqual({
      asOf: '2026-12-01T10:15:30.000Z',
      last5Minutes: { minutes: 5, calls: 20, errors: 1, rejected: 2, errorRate: 0.05, p95LatencyMs: 100 },
      last15Minutes: { minutes: 15, calls: 40, errors: 11, rejected: 2, errorRate: 0.275, p95LatencyMs: 4_750 },
      circuit: 'closed',
    });
  });

  it('says nothing it does not know: no calls, no rate, no latency, a closed circuit', () => {
    expect(healthFigures([], NOW)).toEqual({
      asOf: '2026-12-01T10:15:30.000Z',
      last5Minutes: { minutes: 5, calls: 0, errors: 0, rejected: 0, errorRate: null, p95LatencyMs: null },
      last15Minutes: { minutes: 15, calls: 0, errors: 0, rejected: 0, errorRate: null, p95LatencyMs: null },
      circuit: 'closed',
    });
  });

  it.each([
    ['open: most calls of the window failed, and so did the latest minute\'s', [minute(2, { calls: 4, errors: 1, le100: 4 }), minute(1, { calls: 4, errors: 4, le30000: 4 })], 'open'],
    ['half-open: the window is bad but the latest minute\'s calls succeed', [minute(2, { calls: 6, errors: 6, le30000: 6 }), minute(0, { calls: 2, errors: 0, le100: 2 })], 'half-open'],
    ['closed: under half of the calls failed', [minute(1, { calls: 10, errors: 4, le100: 10 })], 'closed'],
    ['closed: too few calls to tell', [minute(1, { calls: 4, errors: 4, le100: 4 })], 'closed'],
    ['closed: the failures are older than 5 minutes', [minute(6, { calls: 10, errors: 10, le100: 10 }), minute(1, { calls: 1, errors: 0, le100: 1 })], 'closed'],
  ])('derives the circuit %s', (_case, items, circuit) => {
    expect(healthFigures(items, NOW).circuit).toBe(circuit);
  });
});

describe('quantile', () => {
  it('interpolates inside the bucket holding the rank, and answers the last bound past it', () => {
    // 50 calls of at most 50 ms, 50 of 50–100 ms: the 95th percentile is 90% into the second bucket.
    expect(quantile([50, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.95)).toBe(95);
    expect(quantile([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3], 0.95)).toBe(60_000);
    expect(quantile([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.95)).toBeNull();
  });
});
