import { isValidCnpj, isValidCpf } from '../../contracts/cnpj';

describe('isValidCnpj', () => {
  it.each(['11222333000181', '12ABC34501DE35', '00000000000191'])('accepts %s', (cnpj) => {
    expect(isValidCnpj(cnpj)).toBe(true);
  });

  it.each([
    ['a wrong first check digit', '11222333000191'],
    ['a wrong second check digit', '11222333000182'],
    ['a wrong alphanumeric check digit', '12ABC34501DE36'],
    ['lower-case letters', '12abc34501de35'],
    ['punctuation', '11.222.333/0001-81'],
    ['13 characters', '1122233300018'],
    ['letters in the check digits', '12ABC34501DEA5'],
    ['one repeated digit', '11111111111111'],
  ])('rejects %s', (_why, cnpj) => {
    expect(isValidCnpj(cnpj)).toBe(false);
  });
});

describe('isValidCpf', () => {
  it('accepts a CPF with right check digits', () => {
    expect(isValidCpf('52998224725')).toBe(true);
  });

  it.each(['52998224724', '5299822472', '11111111111', '529.982.247-25'])('rejects %s', (cpf) => {
    expect(isValidCpf(cpf)).toBe(false);
  });
});
