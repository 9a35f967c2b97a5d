import { INVOICE_ROW_COLUMNS, INVOICES_SCHEMA_SQL } from '../../contracts/invoicesSchemaSql';

/** `name type` of each column the CREATE TABLE declares, in order (`numeric(12,2)` is `numeric`). */
function declaredColumns(script: string): Array<[string, string]> {
  const table = /CREATE TABLE IF NOT EXISTS nfse\.invoices \(\n([\s\S]*?)\n\);/.exec(script)?.[1] ?? '';
  return table
    .split('\n')
    .map((line) => /^\s+([a-z_]+)\s+([a-z]+)/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1] ?? '', match[2] ?? '']);
}

describe('INVOICE_ROW_COLUMNS', () => {
  it('lists the columns of nfse.invoices in table order, with their SQL types', () => {
    expect(Object.entries(INVOICE_ROW_COLUMNS)).toEqual(declaredColumns(INVOICES_SCHEMA_SQL));
  });

  it('reads eighteen columns from the CREATE TABLE, so a broken parse cannot pass for agreement', () => {
    expect(declaredColumns(INVOICES_SCHEMA_SQL)).toHaveLength(18);
  });
});
