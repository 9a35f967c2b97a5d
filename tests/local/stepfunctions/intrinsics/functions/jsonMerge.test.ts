import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.JsonMerge', () => {
  it('merges shallowly, the second object winning', () => {
    // Arrange
    const input = { a: { a: { a1: 1, a2: 2 }, b: 2, d: 3 }, b: { a: { a3: 1, a4: 2 }, c: 3, d: 4 } };

    // Act
    const value = evaluate('States.JsonMerge($.a, $.b, false)', { input });

    // Assert
    expect(value).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3, d: 4 });
  });

  it('leaves its arguments untouched', () => {
    // Arrange
    const input = { a: { x: 1 }, b: { y: 2 } };

    // Act
    evaluate('States.JsonMerge($.a, $.b, false)', { input });

    // Assert
    expect(input).toEqual({ a: { x: 1 }, b: { y: 2 } });
  });

  it.each([['States.JsonMerge($.a, $.b, true)'], ['States.JsonMerge($.a, $.l, false)'], ["States.JsonMerge($.a, $.b, 'false')"]])('refuses %s', (expression) => {
    expect(failureOf(expression, { input: { a: {}, b: {}, l: [] } }).cause).toBe(invalidArgumentsCause(expression, 'States.JsonMerge'));
  });
});
