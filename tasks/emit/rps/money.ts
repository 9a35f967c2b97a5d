/** Decimal strings ("100.5") to integer cents and back, so no amount ever goes through a float. */
export function toCents(value: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (match === null) throw new RangeError(`not a money amount: ${value}`);
  const [, whole = '0', fraction = ''] = match;
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** Formats cents as the `tsValor` text ABRASF expects: "1234.50". */
export function formatCents(cents: bigint): string {
  const whole = cents / 100n;
  const fraction = (cents % 100n).toString().padStart(2, '0');
  return `${whole}.${fraction}`;
}

/** A money string normalised to 2 decimals. */
export function formatMoney(value: string): string {
  return formatCents(toCents(value));
}

/**
 * The ISS of `total` at `ratePercent` (e.g. "2.5"), rounded half-up to the cent. The rate is
 * scaled to 1/10,000 of a percent so rates with up to 4 decimals stay exact.
 */
export function issCents(total: string, ratePercent: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(ratePercent.trim());
  if (match === null) throw new RangeError(`not a rate: ${ratePercent}`);
  const [, whole = '0', fraction = ''] = match;
  const rate = BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0')); // percent × 10^4
  const divisor = 100n * 10_000n;
  return (toCents(total) * rate + divisor / 2n) / divisor;
}

/**
 * The rate as `tsAliquota` text (2 decimals). A rate with more significant decimals is kept as
 * given, so XSD validation reports it instead of a silent rounding.
 */
export function formatRate(ratePercent: string): string {
  const [whole = '0', fraction = ''] = ratePercent.trim().split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed.length <= 2 ? `${Number(whole)}.${trimmed.padEnd(2, '0')}` : `${Number(whole)}.${trimmed}`;
}
