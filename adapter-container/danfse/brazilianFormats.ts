/**
 * How the DANFSe writes numbers, documents and dates: Brazilian conventions, from our integer and
 * decimal-string values, never through a float (a float would print R$ 0,30000000000000004).
 */

/** A decimal string ("1234.5", "0.07") as integer cents; more than 2 decimals is refused, not rounded. */
export function centsOf(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (match === null) throw new RangeError(`not a money amount: "${value}"`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign === '-' ? -cents : cents;
}

/** Thousands grouped with dots: "1234567" → "1.234.567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Cents in reais as pt-BR writes them: 123456n → "R$ 1.234,56"; a negative amount "-R$ 1,00". */
export function formatBrl(cents: bigint): string {
  const negative = cents < 0n;
  const absolute = negative ? -cents : cents;
  const whole = groupThousands((absolute / 100n).toString());
  const fraction = (absolute % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}R$ ${whole},${fraction}`;
}

/** A percentage as written in the XML ("5", "2.5", "2.0000") with a decimal comma and at least 2 decimals: "5,00%", "2,50%". */
export function formatPercent(value: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (match === null) throw new RangeError(`not a rate: "${value}"`);
  const [, whole = '0', fraction = ''] = match;
  const decimals = fraction.replace(/0+$/, '').padEnd(2, '0');
  return `${BigInt(whole).toString()},${decimals}%`;
}

/** A CNPJ (numeric or alphanumeric) or CPF with its punctuation; anything else as given. */
export function formatDocument(document: string): string {
  if (/^[0-9A-Z]{12}\d{2}$/.test(document)) return `${document.slice(0, 2)}.${document.slice(2, 5)}.${document.slice(5, 8)}/${document.slice(8, 12)}-${document.slice(12)}`;
  if (/^\d{11}$/.test(document)) return `${document.slice(0, 3)}.${document.slice(3, 6)}.${document.slice(6, 9)}-${document.slice(9)}`;
  return document;
}

/** A CEP with its hyphen: "01001000" → "01001-000". */
export function formatCep(cep: string): string {
  return /^\d{8}$/.test(cep) ? `${cep.slice(0, 5)}-${cep.slice(5)}` : cep;
}

/** Brazil's civil time is UTC−3 all year (no daylight saving since 2019). */
const BRASILIA_OFFSET_MS = -3 * 60 * 60 * 1000;

/** An instant in Brasília time, as dd/mm/aaaa hh:mm:ss: "2026-11-23T12:00:00Z" → "23/11/2026 09:00:00". */
export function formatBrasiliaDateTime(isoTimestamp: string): string {
  const epoch = Date.parse(isoTimestamp);
  if (Number.isNaN(epoch)) throw new RangeError(`not a timestamp: "${isoTimestamp}"`);
  const local = new Date(epoch + BRASILIA_OFFSET_MS).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 19)}`;
}

/** A calendar date (aaaa-mm-dd, or the date part of a timestamp) as dd/mm/aaaa. */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate.trim());
  return match === null ? isoDate : `${match[3]}/${match[2]}/${match[1]}`;
}
