import { decimalGreaterThanPattern } from '../../infra/lib/constructs/bodySizeRule';

describe('decimalGreaterThanPattern', () => {
  /** Every value up to 300,000, and each side of every power of ten up to 10^15. */
  const values = [...Array.from({ length: 300_001 }, (_, value) => value), ...Array.from({ length: 15 }, (_, power) => 10 ** (power + 1)).flatMap((ten) => [ten - 1, ten, ten + 1])];

  it.each([0, 9, 10, 18, 99, 100, 109, 190, 199, 289, 1000, 262144])('matches exactly the decimals greater than %i', (limit) => {
    const pattern = new RegExp(decimalGreaterThanPattern(limit));
    expect(values.filter((value) => pattern.test(String(value)) !== value > limit)).toEqual([]);
  });

  it('reads a Content-Length the way an HTTP parser would: leading zeros and surrounding blanks', () => {
    const pattern = new RegExp(decimalGreaterThanPattern(262144));
    expect(['262145', '0262145', ' 262145', '262145\t', '99999999999999999999'].map((value) => pattern.test(value))).toEqual([true, true, true, true, true]);
    expect(['262144', '000262144', ' 16384 ', '', '2621 45', '262145x', '-262145', '+262145', '1e9'].map((value) => pattern.test(value))).toEqual([false, false, false, false, false, false, false, false, false]);
  });

  it('stays within the 512 characters a WAF regex may have', () => {
    expect(decimalGreaterThanPattern(262144)).toBe('^[ \\t]*0*([1-9][0-9]{6,}|[3-9][0-9]{5}|2[7-9][0-9]{4}|26[3-9][0-9]{3}|262[2-9][0-9]{2}|2621[5-9][0-9]|26214[5-9])[ \\t]*$');
    expect(decimalGreaterThanPattern(Number.MAX_SAFE_INTEGER).length).toBeLessThan(512);
  });

  it('refuses a limit that is not a non-negative integer', () => {
    expect(() => decimalGreaterThanPattern(-1)).toThrow('limit must be a non-negative safe integer, got -1');
    expect(() => decimalGreaterThanPattern(1.5)).toThrow('limit must be a non-negative safe integer, got 1.5');
  });
});
