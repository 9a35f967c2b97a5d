import { companyPutOf, ifMatchHeaders } from '../../../cli/companies/companyWrites';

describe('companyPutOf', () => {
  const fields = { razaoSocial: 'Empresa Ltda', municipalityCode: '3550308' };

  it('sends a file saved by get --json without the fields the API writes, its version as If-Match', () => {
    const saved = { cnpj: '11222333000181', ...fields, version: 4, createdAt: 'x', updatedAt: 'y', updatedBy: 'z', certificate: { status: 'valid' } };

    expect(companyPutOf(saved, {})).toEqual({ cnpj: '11222333000181', body: fields, ifMatch: '4' });
  });

  it('takes the CNPJ and the version from the options over the file', () => {
    expect(companyPutOf({ ...fields, version: 4 }, { cnpj: '11222333000181', ifMatch: '7' })).toEqual({ cnpj: '11222333000181', body: fields, ifMatch: '7' });
    expect(companyPutOf(fields, { cnpj: '11222333000181' })).toEqual({ cnpj: '11222333000181', body: fields, ifMatch: undefined });
  });

  it('refuses a file that names no company, another company than --cnpj, or is not an object', () => {
    expect(() => companyPutOf(fields, {})).toThrow('which company? put its "cnpj" in the file or pass --cnpj');
    expect(() => companyPutOf({ cnpj: '11222333000181', ...fields }, { cnpj: '11444777000161' })).toThrow("--cnpj 11444777000161 and the file's cnpj 11222333000181 differ: which company is it?");
    expect(() => companyPutOf([fields], {})).toThrow('the company file must hold a JSON object (the PUT /companies/{cnpj} body)');
  });
});

describe('ifMatchHeaders', () => {
  it('quotes a bare version as the ETag is quoted, and passes anything else to the API to judge', () => {
    expect([ifMatchHeaders('3'), ifMatchHeaders('"3"'), ifMatchHeaders('W/"3"'), ifMatchHeaders(undefined)]).toEqual([{ 'If-Match': '"3"' }, { 'If-Match': '"3"' }, { 'If-Match': 'W/"3"' }, {}]);
  });
});
