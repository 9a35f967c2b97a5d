import { evaluate } from '../testScope';

describe('States.Array', () => {
  it('returns an empty array without arguments', () => {
    expect(evaluate('States.Array()')).toEqual([]);
  });

  it('returns its arguments in order, whatever their types', () => {
    // Act
    const value = evaluate("States.Array('a', 1, 1.5, true, null, $.o, $.l)", { input: { o: { k: [1] }, l: [null] } });

    // Assert
    expect(value).toEqual(['a', 1, 1.5, true, null, { k: [1] }, [null]]);
  });
});
