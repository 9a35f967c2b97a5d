/**
 * How executions are named after the invoice they work on: the emission is the invoice id, ops'
 * re-emissions (reprocessings and corrections) `{id}-r{n}`, cancellations `{id}-cancel-{n}`, the
 * substitution that issues a replacing invoice `{id of the new invoice}-subst`.
 * Names are how an execution is traced back to its invoice, and so to the tenant allowed to see it.
 */
export const executionNames = {
  emission: (invoiceId: string): string => invoiceId,
  reprocess: (invoiceId: string, attempt: number): string => `${invoiceId}-r${attempt}`,
  cancellation: (invoiceId: string, attempt: number): string => `${invoiceId}-cancel-${attempt}`,
  substitution: (newInvoiceId: string): string => `${newInvoiceId}-subst`,
} as const;

/** A name we give: the invoice's ULID, then `-r{n}`, `-cancel-{n}` or `-subst`. */
export const EXECUTION_NAME_PATTERN = /^([0-9A-HJKMNP-TV-Z]{26})(?:-r(\d+)|-cancel-(\d+)|(-subst))?$/;

/** The invoice an execution works on, from its name; undefined for a name we did not give. */
export function invoiceIdOfExecution(name: string): string | undefined {
  return EXECUTION_NAME_PATTERN.exec(name)?.[1];
}

/** What a name we gave says: the invoice, the workflow (`-cancel-{n}`: cancellation) and the attempt (0 for the first emission). */
export function parseExecutionName(name: string): { readonly invoiceId: string; readonly workflow: 'emission' | 'cancellation' | 'substitution'; readonly attempt: number } | undefined {
  const match = EXECUTION_NAME_PATTERN.exec(name);
  if (match?.[1] === undefined) return undefined;
  if (match[3] !== undefined) return { invoiceId: match[1], workflow: 'cancellation', attempt: Number(match[3]) };
  if (match[4] !== undefined) return { invoiceId: match[1], workflow: 'substitution', attempt: 0 };
  return { invoiceId: match[1], workflow: 'emission', attempt: match[2] !== undefined ? Number(match[2]) : 0 };
}
