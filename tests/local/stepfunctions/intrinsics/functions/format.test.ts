import { evaluate, failureOf } from '../testScope';

describe('States.Format', () => {
  it('replaces each {} by the next value', () => {
    expect(evaluate("States.Format('Hello, my name is {} and I am {}.', $.n, $.a)", { input: { n: 'Arnav', a: 7 } })).toBe(
      'Hello, my name is Arnav and I am 7.',
    );
  });

  it.each([
    ['', ''],
    ['HelloWorld', 'HelloWorld'],
    [null, 'null'],
    [1, '1'],
    [1.1, '1.1'],
    [true, 'true'],
    ['{"Arg1": 1}', '{"Arg1": 1}'],
    [{ Arg1: 1, Arg2: [] }, '{Arg1=1, Arg2=[]}'],
    [[1, 'a', null, { b: 'c' }], '[1, a, null, {b=c}]'],
  ])('writes %j as %j', (value, expected) => {
    expect(evaluate("States.Format('{}', $.v)", { input: { v: value } })).toBe(expected);
  });

  it('writes escaped braces, quotes and backslashes of a literal template as plain text', () => {
    // Arrange: the template as written is  \{\} {} \'x\' \\
    const expression = "States.Format('\\{\\} {} \\'x\\' \\\\', 'v')";

    // Act / Assert
    expect(evaluate(expression)).toBe("{} v 'x' \\");
  });

  it('reads a template from a path', () => {
    expect(evaluate('States.Format($.t, $.n)', { input: { t: 'Hi {}!', n: 'Ana' } })).toBe('Hi Ana!');
  });

  it('formats a template without placeholders', () => {
    expect(evaluate("States.Format('plain')")).toBe('plain');
  });

  it.each([["States.Format('{} {}', 'a')"], ["States.Format('{}', 'a', 'b')"]])('refuses %s, whose count of {} does not match', (expression) => {
    expect(failureOf(expression).cause).toBe(
      `The function '${expression}' had the following error: Invalid arguments in States.Format: number of arguments do not match the occurrences of {}.`,
    );
  });

  it('refuses a template that is not a string', () => {
    expect(failureOf('States.Format(1)').cause).toBe("The function 'States.Format(1)' had the following error: Invalid arguments in States.Format");
  });
});
