import { totalUsd, type CostLine } from './costLine';

/** Dollars as the tables print them: cents, or four decimals below a cent. */
export function usd(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function quantity(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

function aligned(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows.map((row) => row.map((cell, c) => (c === 3 || c === 5 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd()).join('\n');
}

/** One architecture's bill: a row per line, then its total (and the seed's claim beside, when given). */
export function formatCostTable(title: string, lines: readonly CostLine[], claimedTotalUsd?: number): string {
  const withClaims = lines.some((line) => line.claimedUsd !== undefined);
  const header = ['service', 'item', 'quantity', 'USD/month', 'basis', ...(withClaims ? ['seed said'] : [])];
  const rows = lines.map((line) => [line.service, line.item, `${quantity(line.quantity)} x ${line.unit}`, usd(line.usd), line.basis, ...(withClaims ? [line.claimedUsd === undefined ? '' : line.claimedUsd === 0 ? '(in the line above)' : usd(line.claimedUsd)] : [])]);
  const total = totalUsd(lines);
  const claimedSum = lines.reduce((sum, line) => sum + (line.claimedUsd ?? 0), 0);
  const footer = ['TOTAL', '', '', usd(total), '', ...(withClaims ? [claimedTotalUsd !== undefined ? `${usd(claimedTotalUsd)} (its lines sum to ${usd(claimedSum)})` : usd(claimedSum)] : [])];
  return [title, aligned([header, ...rows, footer])].join('\n');
}
