/** Where the billing month turns: the company bills in Brasília time. */
export const BILLING_TIME_ZONE = 'America/Sao_Paulo';

/** The month (`YYYY-MM`) `instant` falls in, in São Paulo. */
export function monthInSaoPaulo(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: BILLING_TIME_ZONE, year: 'numeric', month: '2-digit' }).formatToParts(instant);
  const year = parts.find((part) => part.type === 'year')?.value ?? '';
  const month = parts.find((part) => part.type === 'month')?.value ?? '';
  return `${year}-${month}`;
}

/** The month before `month` (`2026-01` → `2025-12`). */
export function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  return index === 0 ? `${year - 1}-12` : `${year}-${String(index).padStart(2, '0')}`;
}

/** `auto` is the month before the run's, in São Paulo: a run at 02:00 on 1 Feb bills January. */
export function resolveCompetencia(competencia: string, now: Date): string {
  return competencia === 'auto' ? previousMonth(monthInSaoPaulo(now)) : competencia;
}
