import { certificateStatusOf } from '../../../lib/certificates/certificateStatus';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const at = (offsetMs: number): { notAfter: string } => ({ notAfter: new Date(NOW.getTime() + offsetMs).toISOString() });
const DAY = 86_400_000;

describe('certificateStatusOf', () => {
  it('is valid with more than 30 whole days left, expiring from 30 days left, expired from notAfter on', () => {
    const statuses = [31 * DAY, 31 * DAY - 1, 30 * DAY, DAY, 1, 0, -DAY].map((offset) => certificateStatusOf(at(offset), NOW));

    expect(statuses).toEqual(['valid', 'expiring', 'expiring', 'expiring', 'expiring', 'expired', 'expired']);
  });
});
