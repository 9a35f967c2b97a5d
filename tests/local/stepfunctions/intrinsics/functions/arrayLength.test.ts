import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.ArrayLength', () => {
  it.each([
    [[], 0],
    [[1, [2, 3], { a: 4 }], 3],
  ])('counts the items of %j', (array, expected) => {
    expect(evaluate('States.ArrayLength($.a)', { input: { a: array } })).toBe(expected);
  });

  it('refuses a string', () => {
    const expression = "States.ArrayLength('abc')";
    expect(failureOf(expression).cause).toBe(invalidArgumentsCause(expression, 'States.ArrayLength'));
  });
});
