import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.Hash', () => {
  it.each([
    ['MD5', '812f45842bc6d66ee14572ce20db8e86'],
    ['SHA-1', 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
    ['SHA-256', 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'],
    ['SHA-384', 'd28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562'],
    [
      'SHA-512',
      '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4',
    ],
  ])('hashes with %s', (algorithm, expected) => {
    expect(evaluate("States.Hash('input data', $.alg)", { input: { alg: algorithm } })).toBe(expected);
  });

  it.each([["States.Hash('x', 'sha-256')"], ["States.Hash('x', 'SHA-3')"], ["States.Hash('x', 'toString')"], ["States.Hash(1, 'MD5')"]])(
    'refuses %s',
    (expression) => {
      expect(failureOf(expression).cause).toBe(invalidArgumentsCause(expression, 'States.Hash'));
    },
  );

  it('refuses more than 10000 characters', () => {
    const expression = "States.Hash($.t, 'MD5')";
    expect(failureOf(expression, { input: { t: 'x'.repeat(10001) } }).cause).toBe(invalidArgumentsCause(expression, 'States.Hash'));
  });
});
