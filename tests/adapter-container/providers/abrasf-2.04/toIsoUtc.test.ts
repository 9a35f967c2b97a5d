import { toIsoUtc } from '../../../../adapter-container/providers/abrasf-2.04/toIsoUtc';

describe('toIsoUtc', () => {
  it('reads a timestamp without zone as Brasília time', () => {
    expect(toIsoUtc('2026-11-23T09:15:00')).toBe('2026-11-23T12:15:00.000Z');
  });

  it('keeps an explicit zone', () => {
    expect([toIsoUtc('2026-11-23T09:15:00-02:00'), toIsoUtc('2026-11-23T09:15:00Z')]).toEqual(['2026-11-23T11:15:00.000Z', '2026-11-23T09:15:00.000Z']);
  });

  it('reads a bare date as Brasília midnight', () => {
    expect(toIsoUtc('2026-11-23')).toBe('2026-11-23T03:00:00.000Z');
  });

  it('refuses text that is not a timestamp', () => {
    expect(() => toIsoUtc('ontem')).toThrow(/not a timestamp: ontem/);
  });
});
