import { EmitInvoiceRequestSchema } from '../../contracts/emitInvoiceRequest';

const valid = {
  companyCnpj: '12ABC34501DE35',
  municipalityCode: '3550308',
  total: '100.00',
  service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00' },
  tomador: { document: '52998224725', name: 'Maria Silva', email: 'maria@example.com' },
};

function issues(body: unknown): Array<{ path: string; message: string }> {
  const result = EmitInvoiceRequestSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('EmitInvoiceRequestSchema', () => {
  it('accepts a valid request and fills the defaults', () => {
    const parsed = EmitInvoiceRequestSchema.parse(valid);

    expect(parsed.rpsSeries).toBe('1');
    expect(parsed.service.issWithheld).toBe(false);
    expect(parsed.competence).toBeUndefined();
  });

  it('names a CNPJ with a bad check digit', () => {
    expect(issues({ ...valid, companyCnpj: '12ABC34501DE36' })).toEqual([{ path: 'companyCnpj', message: 'check digits do not match' }]);
  });

  it.each([
    ['a float', 100],
    ['three decimals', '100.001'],
    ['zero', '0.00'],
    ['a negative value', '-1.00'],
    ['a comma', '100,00'],
  ])('rejects a total that is %s', (_why, total) => {
    expect(issues({ ...valid, total }).map((issue) => issue.path)).toEqual(['total']);
  });

  it('rejects a municipality code that is not 7 digits', () => {
    expect(issues({ ...valid, municipalityCode: '355030' })).toEqual([{ path: 'municipalityCode', message: 'must be the 7-digit IBGE municipality code' }]);
  });

  it('accepts a tomador with a CNPJ and rejects one with a bad document', () => {
    expect(issues({ ...valid, tomador: { ...valid.tomador, document: '11222333000181' } })).toEqual([]);
    expect(issues({ ...valid, tomador: { ...valid.tomador, document: '52998224724' } }).map((issue) => issue.path)).toEqual(['tomador.document']);
  });

  it('rejects unknown fields, naming them', () => {
    expect(issues({ ...valid, discount: '1.00' })).toEqual([{ path: '', message: 'Unrecognized key: "discount"' }]);
  });

  it('rejects an ISS rate above 5 percent', () => {
    expect(issues({ ...valid, service: { ...valid.service, issRate: '5.01' } })).toEqual([{ path: 'service.issRate', message: 'must be between 0 and 5 (percent)' }]);
  });
});
