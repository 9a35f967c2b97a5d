import { parseDuration } from '../../cli/parseDuration';

describe('parseDuration', () => {
  it.each([
    ['90', 90],
    ['30m', 1800],
    ['1h', 3600],
    ['7d', 604800],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('names a value that is not a duration', () => {
    expect(() => parseDuration('1 hour')).toThrow("not a duration: '1 hour' (use e.g. 30m, 1h, 7d)");
  });
});
