import { createHash } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The invoice of an order, as a ULID derived from the order rather than drawn: the order's own
 * time (its first 10 characters, so invoices sort with their orders) and 80 bits of SHA-256 of
 * the order id. Every retry or redrive of the saga names the same invoice, and its emission
 * (named after it) runs once.
 */
export function orderInvoiceId(orderId: string): string {
  const digest = createHash('sha256').update(`order#${orderId}`).digest();
  let rest = BigInt(`0x${digest.subarray(0, 10).toString('hex')}`);
  let random = '';
  for (let i = 0; i < 16; i++) {
    random = (CROCKFORD[Number(rest % 32n)] ?? '0') + random;
    rest /= 32n;
  }
  return orderId.slice(0, 10) + random;
}
