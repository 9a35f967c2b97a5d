import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.MathAdd', () => {
  it.each([
    [-9, 3, -6],
    [1.49, 1.5, 3],
    [-0.5, 0, 0],
    [-2.5, 0, -2],
    [2.5, 0, 3],
    [111, -1, 110],
    [2147483647, 0, 2147483647],
  ])('adds %s and %s', (a, b, expected) => {
    expect(evaluate('States.MathAdd($.a, $.b)', { input: { a, b } })).toBe(expected);
  });

  it('never answers negative zero', () => {
    expect(Object.is(evaluate('States.MathAdd(-0.5, 0)'), 0)).toBe(true);
  });

  it.each([['States.MathAdd(2147483648, 0)'], ["States.MathAdd('1', 2)"], ['States.MathAdd(null, 2)']])('refuses %s', (expression) => {
    expect(failureOf(expression).cause).toBe(invalidArgumentsCause(expression, 'States.MathAdd'));
  });
});
