import { randomFillSync } from 'node:crypto';
import { ulid } from 'ulid';

const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let next = POOL_SIZE;

/**
 * ulid's PRNG contract (a float in [0, 1)) over a pool of CSPRNG bytes: the default draws one
 * byte per call from `crypto.getRandomValues`, sixteen system calls per id.
 */
function pooledRandom(): number {
  if (next >= POOL_SIZE) {
    randomFillSync(pool);
    next = 0;
  }
  return (pool[next++] ?? 0) / 256;
}

/** A new invoice id: a ULID (time-ordered, 80 random bits). */
export function newInvoiceId(): string {
  return ulid(undefined, pooledRandom);
}
