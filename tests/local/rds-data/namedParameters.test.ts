import { compileNamedParameters } from '../../../local/rds-data/namedParameters';

describe('compileNamedParameters', () => {
  const known = new Set(['id', 'name', 'total']);

  it('numbers named parameters in order of first use and reuses a repeated one', () => {
    const compiled = compileNamedParameters('UPDATE t SET name = :name, total = :total WHERE id = :id OR parent = :id', known);

    expect(compiled).toEqual({ text: 'UPDATE t SET name = $1, total = $2 WHERE id = $3 OR parent = $3', names: ['name', 'total', 'id'] });
  });

  it('keeps casts, and replaces a parameter followed by a cast', () => {
    const compiled = compileNamedParameters('SELECT :total::numeric, created::date FROM t', known);

    expect(compiled).toEqual({ text: 'SELECT $1::numeric, created::date FROM t', names: ['total'] });
  });

  it('leaves placeholders in strings, escape strings, identifiers, dollar quotes and comments', () => {
    const sql = `SELECT ':id', E'\\':id', "x:id", $$ :id $$, $fn$ :id $fn$ -- :id\n/* :id /* nested :id */ :id */ , :name`;

    const compiled = compileNamedParameters(sql, known);

    expect(compiled).toEqual({ text: sql.replace(/, :name$/, ', $1'), names: ['name'] });
  });

  it('leaves unknown names and positional parameters untouched', () => {
    const compiled = compileNamedParameters('SELECT :unknown, $1, arr[1:2], :id', known);

    expect(compiled).toEqual({ text: 'SELECT :unknown, $1, arr[1:2], $1', names: ['id'] });
  });

  it('compiles the same text anew for another set of parameter names (the compiled form is kept per text and names)', () => {
    const sql = 'SELECT :id, :name';

    expect(compileNamedParameters(sql, new Set(['id']))).toEqual({ text: 'SELECT $1, :name', names: ['id'] });
    expect(compileNamedParameters(sql, new Set(['id', 'name']))).toEqual({ text: 'SELECT $1, $2', names: ['id', 'name'] });
    expect(compileNamedParameters(sql, new Set(['name']))).toEqual({ text: 'SELECT :id, $1', names: ['name'] });
    expect(compileNamedParameters(sql, new Set(['id']))).toEqual({ text: 'SELECT $1, :name', names: ['id'] });
  });
});
