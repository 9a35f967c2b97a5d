import { decodeTime } from 'ulid';
import { newInvoiceId } from '../../../tasks/emit/newInvoiceId';

describe('newInvoiceId', () => {
  it('answers a ULID of the current time', () => {
    const before = Date.now();

    const id = newInvoiceId();

    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeTime(id)).toBeGreaterThanOrEqual(before);
    expect(decodeTime(id)).toBeLessThanOrEqual(Date.now());
  });

  it('answers distinct ids across more than one pool of random bytes', () => {
    const ids = Array.from({ length: 1_000 }, () => newInvoiceId());

    expect(new Set(ids).size).toBe(1_000);
    expect(new Set(ids.map((id) => id.slice(10))).size).toBe(1_000);
  });
});
