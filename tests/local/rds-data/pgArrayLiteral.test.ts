import { parsePgArray } from '../../../local/rds-data/pgArrayLiteral';

describe('parsePgArray', () => {
  it('parses plain, quoted, escaped and NULL elements', () => {
    expect(parsePgArray('{1,NULL,"NULL","a b","c\\"d\\\\e"}')).toEqual(['1', null, 'NULL', 'a b', 'c"d\\e']);
  });

  it('parses nested arrays', () => {
    expect(parsePgArray('{{1,2},{3,4}}')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('parses an empty array and one with explicit bounds', () => {
    expect([parsePgArray('{}'), parsePgArray('[0:1]={7,8}')]).toEqual([[], ['7', '8']]);
  });
});
