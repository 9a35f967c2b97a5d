import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.ArrayUnique', () => {
  it('keeps the first of every repeated value, comparing deeply', () => {
    // Arrange
    const input = {
      a: [null, null, true, true, false, 1, 1, 1.1, 0, '1', 'HelloWorld', 'HelloWorld', [], [], [null], [null], { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1, b: 1 }],
    };

    // Act
    const value = evaluate('States.ArrayUnique($.a)', { input });

    // Assert
    expect(value).toEqual([null, true, false, 1, 1.1, 0, '1', 'HelloWorld', [], [null], { a: 1, b: 2 }, { a: 1, b: 1 }]);
  });

  it('refuses an object', () => {
    const expression = 'States.ArrayUnique($)';
    expect(failureOf(expression, { input: { a: 1 } }).cause).toBe(invalidArgumentsCause(expression, 'States.ArrayUnique'));
  });
});
