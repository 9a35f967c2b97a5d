import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.ArrayGetItem', () => {
  it('returns the item at a zero-based index', () => {
    expect(evaluate('States.ArrayGetItem($.a, 5)', { input: { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] } })).toBe(6);
  });

  it('returns objects and arrays as they are', () => {
    expect(evaluate('States.ArrayGetItem($.a, 1)', { input: { a: [1, { b: [2] }] } })).toEqual({ b: [2] });
  });

  it('truncates a fractional index', () => {
    expect(evaluate('States.ArrayGetItem($.a, 1.9)', { input: { a: ['x', 'y', 'z'] } })).toBe('y');
  });

  it.each([['States.ArrayGetItem($.a, 3)'], ['States.ArrayGetItem($.a, -1)'], ["States.ArrayGetItem($.a, '1')"], ["States.ArrayGetItem('abc', 0)"]])(
    'refuses %s',
    (expression) => {
      expect(failureOf(expression, { input: { a: [1, 2, 3] } }).cause).toBe(invalidArgumentsCause(expression, 'States.ArrayGetItem'));
    },
  );
});
