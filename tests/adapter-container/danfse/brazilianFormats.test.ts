import { centsOf, formatBrasiliaDateTime, formatBrl, formatCep, formatDate, formatDocument, formatPercent } from '../../../adapter-container/danfse/brazilianFormats';

describe('brazilianFormats', () => {
  it('reads decimal strings as integer cents, and refuses what is not an amount of cents', () => {
    expect(['0.1', '0.07', '1234.56', '100', '-2.5', ' 3.00 '].map(centsOf)).toEqual([10n, 7n, 123456n, 10000n, -250n, 300n]);
    expect(() => centsOf('1.234')).toThrow('not a money amount: "1.234"');
    expect(() => centsOf('1,50')).toThrow(RangeError);
  });

  it('writes cents in reais as pt-BR does, grouping thousands, with no float rounding', () => {
    expect([0n, 5n, 123456n, 100000000n, 123456789012345678n, -100n].map(formatBrl)).toEqual(['R$ 0,00', 'R$ 0,05', 'R$ 1.234,56', 'R$ 1.000.000,00', 'R$ 1.234.567.890.123.456,78', '-R$ 1,00']);
    expect(formatBrl(centsOf('0.1') + centsOf('0.2'))).toBe('R$ 0,30');
  });

  it('writes rates with a decimal comma and at least two decimals', () => {
    expect(['5', '2.5', '2.0000', '3.125', '05.00'].map(formatPercent)).toEqual(['5,00%', '2,50%', '2,00%', '3,125%', '5,00%']);
  });

  it('punctuates CNPJs (numeric and alphanumeric), CPFs and CEPs', () => {
    expect(['11222333000181', '12ABC34501DE35', '52998224725', 'other'].map(formatDocument)).toEqual(['11.222.333/0001-81', '12.ABC.345/01DE-35', '529.982.247-25', 'other']);
    expect(formatCep('01310100')).toBe('01310-100');
  });

  it('writes instants in Brasília time (UTC−3) and dates as dd/mm/aaaa', () => {
    expect(formatBrasiliaDateTime('2026-11-23T02:15:00.000Z')).toBe('22/11/2026 23:15:00');
    expect(formatDate('2026-11-20')).toBe('20/11/2026');
  });
});
