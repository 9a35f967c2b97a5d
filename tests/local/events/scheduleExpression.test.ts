import { nextCronTime, parseScheduleExpression, type CronFields } from '../../../local/events/scheduleExpression';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

function cron(expression: string): CronFields {
  const schedule = parseScheduleExpression(expression);
  if (schedule.kind !== 'cron') throw new Error('not a cron');
  return schedule.fields;
}

describe('parseScheduleExpression', () => {
  it('parses rates in minutes, hours and days', () => {
    expect(parseScheduleExpression('rate(5 minutes)')).toEqual({ kind: 'rate', everyMs: 300_000 });
    expect(parseScheduleExpression('rate(1 hour)')).toEqual({ kind: 'rate', everyMs: 3_600_000 });
    expect(parseScheduleExpression('rate(2 days)')).toEqual({ kind: 'rate', everyMs: 172_800_000 });
  });

  it('rejects a singular/plural mismatch and a zero rate', () => {
    expect(() => parseScheduleExpression('rate(5 minute)')).toThrow(/use "minute" for 1 and "minutes" otherwise/);
    expect(() => parseScheduleExpression('rate(0 minutes)')).toThrow(/positive/);
  });

  it('rejects a cron without a ? in a day field', () => {
    expect(() => parseScheduleExpression('cron(0 12 * * * *)')).toThrow(/exactly one of day-of-month and day-of-week must be \?/);
  });

  it('rejects a cron with the wrong number of fields or an out-of-range value', () => {
    expect(() => parseScheduleExpression('cron(0 12 * * ?)')).toThrow(/6 fields/);
    expect(() => parseScheduleExpression('cron(61 12 * * ? *)')).toThrow(/"61" is not within 0-59/);
  });

  it('rejects anything else', () => {
    expect(() => parseScheduleExpression('every 5 minutes')).toThrow(/^Parameter ScheduleExpression is not valid: every 5 minutes/);
  });
});

describe('nextCronTime', () => {
  it('finds the next slot of a step expression', () => {
    expect(iso(nextCronTime(cron('cron(0/15 * * * ? *)'), at('2026-11-23T14:07:30Z')))).toBe('2026-11-23T14:15:00.000Z');
  });

  it('moves strictly past the current minute', () => {
    expect(iso(nextCronTime(cron('cron(15 * * * ? *)'), at('2026-11-23T14:15:00Z')))).toBe('2026-11-23T15:15:00.000Z');
  });

  it('honours days of the week by name and number (1 = Sunday)', () => {
    // 2026-11-23 is a Monday.
    expect(iso(nextCronTime(cron('cron(0 9 ? * FRI *)'), at('2026-11-23T10:00:00Z')))).toBe('2026-11-27T09:00:00.000Z');
    expect(iso(nextCronTime(cron('cron(0 9 ? * 1 *)'), at('2026-11-23T10:00:00Z')))).toBe('2026-11-29T09:00:00.000Z');
    expect(iso(nextCronTime(cron('cron(0 18 ? * MON-FRI *)'), at('2026-11-23T18:00:00Z')))).toBe('2026-11-24T18:00:00.000Z');
  });

  it('honours days of the month, months and years', () => {
    expect(iso(nextCronTime(cron('cron(30 2 1 JAN,JUL ? *)'), at('2026-11-23T00:00:00Z')))).toBe('2027-01-01T02:30:00.000Z');
    expect(iso(nextCronTime(cron('cron(0 0 29 2 ? *)'), at('2026-03-01T00:00:00Z')))).toBe('2028-02-29T00:00:00.000Z');
    expect(nextCronTime(cron('cron(0 0 1 1 ? 2020)'), at('2026-03-01T00:00:00Z'))).toBeUndefined();
  });
});
