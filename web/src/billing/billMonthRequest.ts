import type { StartBillingRunRequest } from '../../../clients/typescript/src';

/** What the "Bill a month" form holds: the month and the companies as typed. */
export interface BillMonthValues {
  readonly competencia: string;
  /** The usage platform's ids, separated by commas or spaces; empty for every company. */
  readonly empresaIds: string;
}

/**
 * The `POST /billing/runs` body of the form. The text is sent as typed (trimmed): the API checks
 * it and names the field, so the console never says something the API would not.
 */
export function billMonthRequest(values: BillMonthValues): StartBillingRunRequest {
  const ids = values.empresaIds.split(/[\s,;]+/).filter((id) => id !== '');
  return { competencia: values.competencia.trim(), ...(ids.length > 0 ? { empresaIds: ids } : {}) };
}

/**
 * The month before `now` in São Paulo, `YYYY-MM`: what the daily schedule bills (`auto`), so the
 * form's first value is the month ops usually bill by hand.
 */
export function previousMonthInSaoPaulo(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const year = Number(parts.find((part) => part.type === 'year')?.value);
  const month = Number(parts.find((part) => part.type === 'month')?.value);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The run a 409 `RunInProgress` names by its `executionArn`: a run's id is its execution's name, the ARN's last part. */
export function runningRunOf(executionArn: string | undefined): { readonly runId: string; readonly executionArn: string } | undefined {
  const runId = executionArn?.split(':').at(-1);
  return executionArn !== undefined && runId !== undefined && runId !== '' ? { executionArn, runId } : undefined;
}

/** The message an API 400 gives for a form field, `empresaIds.0` counting for `empresaIds`. */
export function fieldMessage(fields: ReadonlyArray<{ readonly field: string; readonly message: string }>, name: keyof BillMonthValues): string | undefined {
  const mine = fields.filter((f) => f.field === name || f.field.startsWith(`${name}.`));
  // `empresaIds.2` is the third company typed.
  const where = (field: string): string => {
    const rest = field.slice(name.length + 1);
    return /^\d+$/.test(rest) ? `company ${Number(rest) + 1}` : rest;
  };
  return mine.length === 0 ? undefined : mine.map((f) => (f.field === name ? f.message : `${where(f.field)}: ${f.message}`)).join('; ');
}
