/** A decimal as a canonical string: `0150.50` and `150.5` are both `150.5`; anything else as given. */
export function canonicalDecimal(text: string): string {
  const match = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (match === null || !/\d/.test(text)) return text;
  const integer = (match[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction === '' ? integer : `${integer}.${fraction}`;
}

/** Whether two decimal strings are the same amount (`150.50` and `150.5`). */
export function sameDecimal(a: string, b: string): boolean {
  return canonicalDecimal(a) === canonicalDecimal(b);
}

/** One field of the document we sent, checked against the one the city's NFS-e carries. */
export interface FieldCheck {
  /** The field as the city's layout names it (`CodigoMunicipio`, `cLocEmi`). */
  readonly label: string;
  readonly expected: string | undefined;
  readonly actual: string | undefined;
  /** @default the same text */
  readonly same?: (expected: string, actual: string) => boolean;
}

const show = (value: string | undefined): string => (value === undefined || value === '' ? '(none)' : value);

/**
 * How the city's NFS-e differs from what we sent, one phrase per field — `CodigoMunicipio
 * 3550308, expected 3304557` — or an empty list when it is ours. Absent and empty values are the
 * same, and read "(none)". Shared by the ABRASF RPS and the national DPS checks, so a
 * `Provider.Mismatch` reads alike whichever system answered.
 */
export function fieldMismatches(checks: readonly FieldCheck[]): string[] {
  return checks
    .filter(({ expected, actual, same = (a, b) => a === b }) => !same(expected ?? '', actual ?? ''))
    .map(({ label, expected, actual }) => `${label} ${show(actual)}, expected ${show(expected)}`);
}
