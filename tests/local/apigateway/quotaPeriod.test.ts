import { nextQuotaPeriodStart, quotaPeriodStart } from '../../../local/apigateway/quotaPeriod';

/** Monday 2026-12-07, 10:00 UTC. */
const AT = Date.parse('2026-12-07T10:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

describe('quota periods, as API Gateway counts them (UTC, offset in days)', () => {
  it('starts a DAY at midnight and the next one 24 h later', () => {
    expect([iso(quotaPeriodStart('DAY', 0, AT)), iso(nextQuotaPeriodStart('DAY', 0, AT))]).toEqual(['2026-12-07T00:00:00.000Z', '2026-12-08T00:00:00.000Z']);
  });

  it('starts a WEEK on Sunday with offset 0, and on the offset day otherwise', () => {
    expect([iso(quotaPeriodStart('WEEK', 0, AT)), iso(nextQuotaPeriodStart('WEEK', 0, AT))]).toEqual(['2026-12-06T00:00:00.000Z', '2026-12-13T00:00:00.000Z']);
    expect(iso(quotaPeriodStart('WEEK', 1, AT))).toBe('2026-12-07T00:00:00.000Z');
    expect(iso(quotaPeriodStart('WEEK', 2, AT))).toBe('2026-12-01T00:00:00.000Z');
  });

  it('starts a MONTH on the first with offset 0, on the offset day otherwise, reaching back a month before it', () => {
    expect([iso(quotaPeriodStart('MONTH', 0, AT)), iso(nextQuotaPeriodStart('MONTH', 0, AT))]).toEqual(['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect([iso(quotaPeriodStart('MONTH', 9, AT)), iso(nextQuotaPeriodStart('MONTH', 9, AT))]).toEqual(['2026-11-10T00:00:00.000Z', '2026-12-10T00:00:00.000Z']);
  });
});
