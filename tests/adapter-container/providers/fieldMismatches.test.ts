import { canonicalDecimal, fieldMismatches, sameDecimal } from '../../../adapter-container/providers/fieldMismatches';

describe('fieldMismatches', () => {
  it('names each field that differs with what the city has and what we sent, absent and empty as "(none)"', () => {
    expect(
      fieldMismatches([
        { label: 'CodigoMunicipio', expected: '3304557', actual: '3550308' },
        { label: 'Prestador', expected: '11222333000181', actual: '11222333000181' },
        { label: 'InscricaoMunicipal', expected: '123', actual: undefined },
        { label: 'Tomador', expected: undefined, actual: '' },
        { label: 'vServ', expected: '150.50', actual: '0150.5', same: sameDecimal },
        { label: 'ValorServicos', expected: '150.50', actual: '150.51', same: sameDecimal },
      ]),
    ).toEqual(['CodigoMunicipio 3550308, expected 3304557', 'InscricaoMunicipal (none), expected 123', 'ValorServicos 150.51, expected 150.50']);
  });

  it('writes decimals canonically, leaving what is not one as given', () => {
    expect(['0150.50', '150.5', '.5', '7.000', 'abc', ''].map(canonicalDecimal)).toEqual(['150.5', '150.5', '0.5', '7', 'abc', '']);
  });
});
