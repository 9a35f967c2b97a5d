import type { OperationCount } from '../local/edge/RequestCounters';

/**
 * The AWS calls the edge answered per unit of work (an invoice, an order): the total, then each
 * service's operation, most frequent first, e.g. `24.1 (sqs SendMessage 1.0, ...)`.
 */
export function callsPer(counts: readonly OperationCount[], units: number): string {
  const total = counts.reduce((sum, count) => sum + count.requests, 0);
  const each = [...counts].sort((a, b) => b.requests - a.requests).map((count) => `${count.service} ${count.operation} ${(count.requests / units).toFixed(1)}`);
  return `${(total / units).toFixed(1)} (${each.join(', ')})`;
}
