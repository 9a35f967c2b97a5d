import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.StringToJson', () => {
  it.each([
    ['', null],
    [' ', null],
    ['null', null],
    ['1.1', 1.1],
    ['true', true],
    ['"HelloWorld"', 'HelloWorld'],
    ['{"Arg1": 1, "Arg2": []}', { Arg1: 1, Arg2: [] }],
  ])('reads %j', (text, expected) => {
    expect(evaluate('States.StringToJson($.t)', { input: { t: text } })).toEqual(expected);
  });

  it('reads -0 as 0', () => {
    expect(Object.is(evaluate("States.StringToJson('-0')"), 0)).toBe(true);
  });

  it('reads a literal with escaped braces', () => {
    expect(evaluate("States.StringToJson('\\{\"a\": \"b\"\\}')")).toEqual({ a: 'b' });
  });

  it.each([['{a:1}'], [1]])('refuses %j', (text) => {
    const expression = 'States.StringToJson($.t)';
    expect(failureOf(expression, { input: { t: text } }).cause).toBe(invalidArgumentsCause(expression, 'States.StringToJson'));
  });
});
