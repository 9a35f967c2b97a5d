/** A usage plan's quota period, as API Gateway's `QuotaSettings.period` names it. */
export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

/**
 * When the quota period holding `at` started (UTC). The offset counts days into the period: for
 * WEEK, 0 is Sunday; for MONTH, 0 is the first.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_QuotaSettings.html
 */
export function quotaPeriodStart(period: QuotaPeriod, offset: number, at: number): number {
  const day = startOfDay(at);
  switch (period) {
    case 'DAY':
      return day;
    case 'WEEK': {
      const daysIn = (new Date(day).getUTCDay() - offset + 7) % 7;
      return day - daysIn * DAY_MS;
    }
    case 'MONTH': {
      const date = new Date(day);
      const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1 + offset);
      return start <= day ? start : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1 + offset);
    }
  }
}

/** When the period after the one holding `at` starts: a spent quota is available again then. */
export function nextQuotaPeriodStart(period: QuotaPeriod, offset: number, at: number): number {
  const start = quotaPeriodStart(period, offset, at);
  switch (period) {
    case 'DAY':
      return start + DAY_MS;
    case 'WEEK':
      return start + 7 * DAY_MS;
    case 'MONTH': {
      const date = new Date(start);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    }
  }
}

/** `YYYY-MM-DD` of `at`, in UTC: the day usage is counted on. */
export function usageDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

const DAY_MS = 24 * 3600 * 1000;

function startOfDay(at: number): number {
  return at - (((at % DAY_MS) + DAY_MS) % DAY_MS);
}
