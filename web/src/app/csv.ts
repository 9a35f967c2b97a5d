/**
 * Rows as CSV (RFC 4180: comma-separated, CRLF lines, fields quoted when they hold a comma, a
 * quote or a line break). A text field that a spreadsheet would run as a formula (`=`, `+`, `-`,
 * `@`, tab, CR first) gets a leading apostrophe, as OWASP advises for CSV exports; numbers stay numbers.
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
