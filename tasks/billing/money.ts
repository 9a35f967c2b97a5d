/**
 * Money in billing is integer centavos; the decimal string ("1234.56") is what invoices carry.
 * The external systems speak JSON numbers in reais: they are converted here, at the edge.
 */

/** Reais as a JSON number with at most 2 decimals → centavos (rounding away the binary noise of `x * 100`). */
export function reaisToCentavos(reais: number): number {
  return Math.round(reais * 100);
}

/** Centavos → the decimal string invoices carry: 123456 → "1234.56". */
export function centavosToDecimal(centavos: number): string {
  const whole = Math.trunc(centavos / 100);
  return `${whole}.${String(centavos % 100).padStart(2, '0')}`;
}

/** Centavos → reais as a JSON number for an API that wants one (exact: its shortest decimal form has 2 places). */
export function centavosToReais(centavos: number): number {
  return Number(centavosToDecimal(centavos));
}
