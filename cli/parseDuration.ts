import { InvalidArgumentError } from 'commander';

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `30m`, `1h`, `7d`, `90` (seconds) → seconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (match === null) throw new InvalidArgumentError(`not a duration: '${value}' (use e.g. 30m, 1h, 7d)`);
  return Number(match[1]) * (UNITS[match[2] || 's'] ?? 1);
}
