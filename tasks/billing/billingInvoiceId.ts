import { createHash } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `value` in `length` Crockford base-32 digits, most significant first. */
function base32(value: bigint, length: number): string {
  let text = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    text = (CROCKFORD[Number(rest % 32n)] ?? '0') + text;
    rest /= 32n;
  }
  return text;
}

/**
 * The invoice of a company's month, as a ULID derived from what it bills rather than drawn: its
 * time is the first instant after the month (so invoices sort by month), its 80 "random" bits a
 * SHA-256 of issuer, month and company. A re-run, a retry or a reprocess names the same invoice,
 * and its emission (named after it) runs once.
 */
export function billingInvoiceId(issuerCnpj: string, competencia: string, empresaId: string): string {
  const year = Number(competencia.slice(0, 4));
  const month = Number(competencia.slice(5, 7));
  const time = BigInt(Date.UTC(year, month, 1));
  const digest = createHash('sha256').update(`billing#${issuerCnpj}#${competencia}#${empresaId}`).digest();
  const random = BigInt(`0x${digest.subarray(0, 10).toString('hex')}`);
  return base32(time, 10) + base32(random, 16);
}
