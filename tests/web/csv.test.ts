import { toCsv } from '../../web/src/app/csv';

describe('toCsv', () => {
  it('writes a header and rows with CRLF lines, empty fields for missing values', () => {
    expect(toCsv(['id', 'total', 'nfse'], [['A1', '1500.00', undefined], ['B2', 3, '2026000000123']])).toBe('id,total,nfse\r\nA1,1500.00,\r\nB2,3,2026000000123\r\n');
  });

  it('quotes fields holding a comma, a quote or a line break', () => {
    expect(toCsv(['message'], [['Código 2, "inválido"'], ['two\nlines']])).toBe('message\r\n"Código 2, ""inválido"""\r\n"two\nlines"\r\n');
  });

  it('keeps a spreadsheet from running a field as a formula', () => {
    expect(toCsv(['a', 'b', 'c'], [['=HYPERLINK("x")', '+1', '@SUM(A1)'], ['-3', 'plain', 7]])).toBe('a,b,c\r\n"\'=HYPERLINK(""x"")",\'+1,\'@SUM(A1)\r\n\'-3,plain,7\r\n');
  });
});
