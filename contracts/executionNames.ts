/**
 * How executions are named after the invoice they work on: the emission is the invoice id, ops'
 * reprocessings `{id}-r{n}`, cancellations `{id}-cancel-{n}`. Names are how an execution is
 * traced back to its invoice, and so to the tenant allowed to see it.
 */
export const executionNames = {
  emission: (invoiceId: string): string => invoiceId,
  reprocess: (invoiceId: string, attempt: number): string => `${invoiceId}-r${attempt}`,
  cancellation: (invoiceId: string, attempt: number): string => `${invoiceId}-cancel-${attempt}`,
} as const;

/** The invoice an execution works on, from its name; undefined for a name we did not give. */
export function invoiceIdOfExecution(name: string): string | undefined {
  const match = /^([0-9A-HJKMNP-TV-Z]{26})(?:-r\d+|-cancel-\d+)?$/.exec(name);
  return match?.[1];
}
