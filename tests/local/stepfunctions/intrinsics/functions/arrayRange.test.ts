import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.ArrayRange', () => {
  it.each([
    [1, 9, 2, [1, 3, 5, 7, 9]],
    [0, 10, 3, [0, 3, 6, 9]],
    [1, 9, 9, [1]],
    [3, 3, -1, [3]],
    [5, 1, -2, [5, 3, 1]],
    [5, 1, 1, []],
    [1, 5, -1, []],
    [-2, 2, 2, [-2, 0, 2]],
    [1.4, 5.6, 2.2, [1, 3, 5]],
    [5.4, -0.6, -2.4, [5, 3, 1]],
  ])('counts from %s to %s by %s', (start, end, step, expected) => {
    expect(evaluate('States.ArrayRange($.s, $.e, $.t)', { input: { s: start, e: end, t: step } })).toEqual(expected);
  });

  it('builds exactly 1000 items', () => {
    // Act
    const value = evaluate('States.ArrayRange(1000, 1, -1)') as number[];

    // Assert
    expect([value.length, value[0], value[999]]).toEqual([1000, 1000, 1]);
  });

  it.each([['States.ArrayRange(1, 1001, 1)'], ['States.ArrayRange(1, 10, 0)'], ['States.ArrayRange(1, 10, 0.49)'], ["States.ArrayRange('a', 5, 1)"]])(
    'refuses %s',
    (expression) => {
      expect(failureOf(expression).cause).toBe(invalidArgumentsCause(expression, 'States.ArrayRange'));
    },
  );
});
