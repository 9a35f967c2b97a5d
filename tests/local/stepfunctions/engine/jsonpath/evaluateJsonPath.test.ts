import { evaluateJsonPath } from '../../../../../local/stepfunctions/engine/jsonpath/evaluateJsonPath';
import { VariableScope } from '../../../../../local/stepfunctions/engine/VariableScope';

const STORE = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword', price: 12.99, isbn: '0-553' },
      { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', price: 8.99, isbn: '0-395' },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  'odd key': 1,
};

function select(path: string, input: unknown = STORE): unknown {
  const result = evaluateJsonPath(path, { input });
  return result.found ? result.value : 'NOT FOUND';
}

describe('evaluateJsonPath', () => {
  describe('definite paths', () => {
    it.each([
      ['$', STORE],
      ['$.store.bicycle.color', 'red'],
      ["$['store']['bicycle']['price']", 19.95],
      ["$['odd key']", 1],
      ['$.store.book[0].title', 'Sayings'],
      ['$.store.book[-1].title', 'Moby Dick'],
      ['$.store.book[3]', 'NOT FOUND'],
      ['$.store.missing', 'NOT FOUND'],
      ['$.store.bicycle.color.deeper', 'NOT FOUND'],
    ])('selects %s', (path, expected) => {
      expect(select(path)).toEqual(expected);
    });

    it('finds a key whose value is null (found, not missing)', () => {
      expect(evaluateJsonPath('$.a', { input: { a: null } })).toEqual({ found: true, value: null });
    });
  });

  describe('indefinite paths (always an array)', () => {
    it.each([
      ['$.store.book[*].author', ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville']],
      ['$.store.*.color', ['red']],
      ['$..price', [8.95, 12.99, 8.99, 19.95]],
      ['$..book[0].title', ['Sayings']],
      ['$.store.book[0,2].title', ['Sayings', 'Moby Dick']],
      ["$.store.bicycle['color','price']", ['red', 19.95]],
      ['$.store.nothing[*]', []],
    ])('selects %s', (path, expected) => {
      expect(select(path)).toEqual(expected);
    });
  });

  describe('slices', () => {
    const list = { xs: [0, 1, 2, 3, 4, 5] };

    it.each([
      ['$.xs[1:3]', [1, 2]],
      ['$.xs[:2]', [0, 1]],
      ['$.xs[4:]', [4, 5]],
      ['$.xs[-2:]', [4, 5]],
      ['$.xs[::2]', [0, 2, 4]],
      ['$.xs[1:100]', [1, 2, 3, 4, 5]],
      ['$.xs[3:1]', []],
    ])('slices %s', (path, expected) => {
      expect(select(path, list)).toEqual(expected);
    });
  });

  describe('filters', () => {
    it.each([
      ['$.store.book[?(@.price < 9)].title', ['Sayings', 'Moby Dick']],
      ['$.store.book[?(@.isbn)].title', ['Sword', 'Moby Dick']],
      ["$.store.book[?(@.category == 'fiction' && @.price > 10)].title", ['Sword']],
      ["$.store.book[?(@.author == 'Nigel Rees' || @.price > 12)].title", ['Sayings', 'Sword']],
      ['$.store.book[?(@.category != "fiction")].title', ['Sayings']],
      ['$.store.book[?(@.price >= 12.99)].price', [12.99]],
      ["$.store.book[?(@.price == '8.95')].title", []],
    ])('filters %s', (path, expected) => {
      expect(select(path)).toEqual(expected);
    });
  });

  describe('roots', () => {
    it('reads the context object with $$ and variables with $name', () => {
      const variables = new VariableScope();
      variables.assignAll({ order: { id: 'o-1' } });

      const context = evaluateJsonPath('$$.Execution.Name', { input: {}, context: { Execution: { Name: 'run-1' } } });
      const variable = evaluateJsonPath('$order.id', { input: {}, variables });
      const missing = evaluateJsonPath('$nope', { input: {}, variables });

      expect([context, variable, missing]).toEqual([{ found: true, value: 'run-1' }, { found: true, value: 'o-1' }, { found: false }]);
    });
  });

  it('throws on a path that is not JSONPath', () => {
    expect(() => evaluateJsonPath('store.book', { input: STORE })).toThrow('Invalid JSONPath: store.book');
  });
});
