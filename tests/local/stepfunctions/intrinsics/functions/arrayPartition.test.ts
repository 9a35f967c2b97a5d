import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.ArrayPartition', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9], 4, [[1, 2, 3, 4], [5, 6, 7, 8], [9]]],
    [[1, 2, 3], 1, [[1], [2], [3]]],
    [[1, 2, 3], 10, [[1, 2, 3]]],
    [[], 3, []],
    [[1, 2, 3, 4, 5], 2.6, [[1, 2], [3, 4], [5]]],
    [[1, 2, 3], 2147483647, [[1, 2, 3]]],
  ])('cuts %j into chunks of %s', (array, size, expected) => {
    expect(evaluate('States.ArrayPartition($.a, $.n)', { input: { a: array, n: size } })).toEqual(expected);
  });

  it.each([[0], [0.49], [-0.4], [-1], ['2'], [null]])('refuses the chunk size %j', (size) => {
    const expression = 'States.ArrayPartition($.a, $.n)';
    expect(failureOf(expression, { input: { a: [1, 2, 3], n: size } }).cause).toBe(invalidArgumentsCause(expression, 'States.ArrayPartition'));
  });
});
