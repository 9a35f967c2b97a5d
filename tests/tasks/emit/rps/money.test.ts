import { formatMoney, formatRate, issCents, toCents } from '../../../../tasks/emit/rps/money';

describe('money', () => {
  it('reads decimal strings as cents without floats', () => {
    expect([toCents('100'), toCents('0.1'), toCents('12345678.99')]).toEqual([10000n, 10n, 1234567899n]);
  });

  it('formats amounts with 2 decimals', () => {
    expect([formatMoney('100'), formatMoney('1500.5'), formatMoney('0.07')]).toEqual(['100.00', '1500.50', '0.07']);
  });

  it('computes the ISS rounded half-up to the cent', () => {
    expect([issCents('1500.50', '2.5'), issCents('0.10', '5'), issCents('100', '2.0125')]).toEqual([3751n, 1n, 201n]);
  });

  it('formats rates with 2 decimals, keeping extra significant decimals for the XSD to report', () => {
    expect([formatRate('5'), formatRate('2.5'), formatRate('2.5000'), formatRate('2.125')]).toEqual(['5.00', '2.50', '2.50', '2.125']);
  });

  it('refuses text that is not an amount', () => {
    expect(() => toCents('1,50')).toThrow(/not a money amount: 1,50/);
  });
});
