import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.StringSplit', () => {
  it.each([
    ['1,2,3,4,5', ',', ['1', '2', '3', '4', '5']],
    [' ', ',', [' ']],
    [', , ,', ',', [' ', ' ']],
    [',,,,', ',', []],
    ['', ',', []],
    ['This.is+a,test=string', '.+,=', ['This', 'is', 'a', 'test', 'string']],
    ['split on T and \nnew line', 'T\n', ['split on ', ' and ', 'new line']],
    ['abc', '', ['abc']],
  ])('splits %j at any of %j', (text, delimiters, expected) => {
    expect(evaluate('States.StringSplit($.t, $.d)', { input: { t: text, d: delimiters } })).toEqual(expected);
  });

  it('refuses a delimiter that is not a string', () => {
    const expression = "States.StringSplit('a1b', 1)";
    expect(failureOf(expression).cause).toBe(invalidArgumentsCause(expression, 'States.StringSplit'));
  });
});
