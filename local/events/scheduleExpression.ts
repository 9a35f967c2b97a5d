/** A parsed ScheduleExpression. */
export type Schedule =
  | { readonly kind: 'rate'; readonly everyMs: number }
  | { readonly kind: 'cron'; readonly fields: CronFields };

/** The allowed values of each cron field (UTC); undefined means `?`. */
export interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number> | undefined;
  readonly months: ReadonlySet<number>;
  /** 1 = Sunday … 7 = Saturday, as EventBridge numbers them. */
  readonly daysOfWeek: ReadonlySet<number> | undefined;
  readonly years: ReadonlySet<number> | undefined;
}

/** A ScheduleExpression EventBridge would reject (`ValidationException`). */
export class ScheduleExpressionError extends Error {
  public constructor(expression: string, reason: string) {
    super(`Parameter ScheduleExpression is not valid: ${expression} (${reason})`);
    this.name = 'ScheduleExpressionError';
  }
}

const RATE = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/;
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * Parses `rate(5 minutes)` or a six-field `cron(min hour day-of-month month day-of-week year)`
 * (lists, ranges, steps, names; not `L`, `W` or `#`).
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 */
export function parseScheduleExpression(expression: string): Schedule {
  const rate = RATE.exec(expression.trim());
  if (rate !== null) {
    const value = Number(rate[1]);
    const unit = (rate[2] ?? '').replace(/s$/, '') as keyof typeof UNIT_MS;
    if (value < 1) throw new ScheduleExpressionError(expression, 'the rate must be a positive number');
    if ((value === 1) !== !(rate[2] ?? '').endsWith('s')) throw new ScheduleExpressionError(expression, `use "${unit}" for 1 and "${unit}s" otherwise`);
    return { kind: 'rate', everyMs: value * UNIT_MS[unit] };
  }
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  if (cron === null) throw new ScheduleExpressionError(expression, 'expected rate(...) or cron(...)');
  const parts = (cron[1] ?? '').trim().split(/\s+/);
  if (parts.length !== 6) throw new ScheduleExpressionError(expression, 'cron needs 6 fields: minutes hours day-of-month month day-of-week year');
  const [minutes, hours, dom, month, dow, year] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) throw new ScheduleExpressionError(expression, 'exactly one of day-of-month and day-of-week must be ?');
  const field = (text: string, min: number, max: number, names: readonly string[] = [], nameBase = 1): ReadonlySet<number> => {
    try {
      return parseField(text, min, max, names, nameBase);
    } catch (error) {
      throw new ScheduleExpressionError(expression, error instanceof Error ? error.message : String(error));
    }
  };
  return {
    kind: 'cron',
    fields: {
      minutes: field(minutes, 0, 59),
      hours: field(hours, 0, 23),
      daysOfMonth: dom === '?' ? undefined : field(dom, 1, 31),
      months: field(month, 1, 12, MONTHS),
      daysOfWeek: dow === '?' ? undefined : field(dow, 1, 7, DAYS),
      years: year === '*' ? undefined : field(year, 1970, 2199),
    },
  };
}

/** The first minute strictly after `afterMs` (epoch ms) that the cron fields allow; undefined within 5 years. */
export function nextCronTime(fields: CronFields, afterMs: number): number | undefined {
  const start = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  for (let d = 0; d < 366 * 5; d++, day.setUTCDate(day.getUTCDate() + 1)) {
    if (!dayAllowed(fields, day)) continue;
    for (const hour of [...fields.hours].sort((a, b) => a - b)) {
      for (const minute of [...fields.minutes].sort((a, b) => a - b)) {
        const at = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
        if (at >= start.getTime()) return at;
      }
    }
  }
  return undefined;
}

function dayAllowed(fields: CronFields, day: Date): boolean {
  if (fields.years !== undefined && !fields.years.has(day.getUTCFullYear())) return false;
  if (!fields.months.has(day.getUTCMonth() + 1)) return false;
  if (fields.daysOfMonth !== undefined && !fields.daysOfMonth.has(day.getUTCDate())) return false;
  if (fields.daysOfWeek !== undefined && !fields.daysOfWeek.has(day.getUTCDay() + 1)) return false;
  return true;
}

function parseField(text: string, min: number, max: number, names: readonly string[], nameBase: number): ReadonlySet<number> {
  const values = new Set<number>();
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + nameBase : Number(token);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`"${token}" is not within ${min}-${max}`);
    return n;
  };
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText !== undefined ? Number(stepText) : 1;
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad step in "${part}"`);
    let from: number;
    let to: number;
    if (range === '*' || range === '?') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = value(a);
      to = value(b);
    } else {
      from = value(range);
      to = stepText !== undefined ? max : from;
    }
    if (from > to) throw new Error(`empty range "${part}"`);
    for (let n = from; n <= to; n += step) values.add(n);
  }
  return values;
}
