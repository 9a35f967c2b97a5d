import type { Price, PriceTable } from '../../contracts/costModel';

/** Where a line's figure comes from: a price's basis, or the seed's own claim. */
export type LineBasis = Price['basis'] | 'seed-claim';

/** One priced line of an architecture's monthly bill. */
export interface CostLine {
  readonly service: string;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usd: number;
  /** The weakest basis among the figures the line was priced from. */
  readonly basis: LineBasis;
  /** What the seed said the line costs, for the seed's architectures. */
  readonly claimedUsd?: number;
}

/** Hours in the month AWS bills by (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;
/** Bytes in a billed GB (AWS bills data in binary gigabytes). */
export const BYTES_PER_GB = 1024 ** 3;

const BASIS_ORDER: readonly LineBasis[] = ['aws-page', 'secondary-source', 'estimate', 'seed-claim'];

/** The weakest of the bases (an estimate anywhere makes the line an estimate). */
export function weakest(...bases: readonly LineBasis[]): LineBasis {
  return bases.reduce((worst, basis) => (BASIS_ORDER.indexOf(basis) > BASIS_ORDER.indexOf(worst) ? basis : worst), 'aws-page');
}

/** A line priced at one price: `quantity` units at `usd` per `per`. */
export function pricedLine(table: PriceTable, key: keyof PriceTable['prices'], service: string, item: string, quantity: number): CostLine {
  const price = table.prices[key];
  return { service, item, quantity, unit: price.unit, usd: (quantity / price.per) * price.usd, basis: price.basis };
}

/** The sum of the lines' dollars. */
export function totalUsd(lines: readonly CostLine[]): number {
  return lines.reduce((sum, line) => sum + line.usd, 0);
}
