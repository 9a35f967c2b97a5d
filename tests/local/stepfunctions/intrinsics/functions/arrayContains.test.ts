import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.ArrayContains', () => {
  it.each([
    [[1, 2, 3], 2, true],
    [[1, 2, 3], 4, false],
    [[[1, 2, 3], 2], [1, 2, 3], true],
    [[{ a: 1, b: [2] }], { b: [2], a: 1 }, true],
    [[{ a: 1 }], { a: 1, b: 2 }, false],
    [[null], null, true],
    [[], null, false],
    [['1'], 1, false],
    [[true, false], false, true],
  ])('looks for %j in %j and answers %s', (array, value, expected) => {
    expect(evaluate('States.ArrayContains($.array, $.value)', { input: { array, value } })).toBe(expected);
  });

  it('refuses a first argument that is not an array', () => {
    const expression = "States.ArrayContains('abc', 'a')";
    expect(failureOf(expression).cause).toBe(invalidArgumentsCause(expression, 'States.ArrayContains'));
  });
});
