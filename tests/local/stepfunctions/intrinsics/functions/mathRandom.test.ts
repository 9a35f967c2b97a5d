import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.MathRandom', () => {
  it('draws from the injected source within [start, end)', () => {
    // Act
    const values = [0, 0.999999].map((r) => evaluate('States.MathRandom(10, 20)', { random: () => r }));

    // Assert
    expect(values).toEqual([10, 19]);
  });

  it('answers what java.util.Random answers for a seed', () => {
    // new java.util.Random(3).nextInt(999) == 239, new Random(42).nextInt(100) == 30 (checked on a JVM)
    expect([evaluate('States.MathRandom(0, 999, 3)'), evaluate('States.MathRandom(-50, 50, 42)')]).toEqual([239, -20]);
  });

  it('answers the same for the same seed every time', () => {
    expect(evaluate('States.MathRandom(1, 1000000, 7)')).toBe(evaluate('States.MathRandom(1, 1000000, 7)'));
  });

  it('stays within the range for random draws', () => {
    // Act
    const values = Array.from({ length: 200 }, () => evaluate('States.MathRandom(-3, 3)') as number);

    // Assert
    expect(values.every((v) => Number.isInteger(v) && v >= -3 && v < 3)).toBe(true);
  });

  it.each([['States.MathRandom(5, 5)'], ['States.MathRandom(1.4, 1.6)'], ['States.MathRandom(9, 1)'], ["States.MathRandom('1', 2)"], ['States.MathRandom(1, 2, null)']])(
    'refuses %s',
    (expression) => {
      expect(failureOf(expression).cause).toBe(invalidArgumentsCause(expression, 'States.MathRandom'));
    },
  );
});
