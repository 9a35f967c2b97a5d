import { parseIntrinsic } from '../../../../local/stepfunctions/intrinsics/parseIntrinsic';
import { IntrinsicSyntaxError } from '../../../../local/stepfunctions/intrinsics/IntrinsicSyntaxError';

describe('parseIntrinsic', () => {
  it('parses a call without arguments', () => {
    expect(parseIntrinsic('States.UUID()')).toEqual({ kind: 'call', name: 'States.UUID', args: [] });
  });

  it('parses literals of every kind', () => {
    // Act
    const call = parseIntrinsic("States.Array('a b', 1, -2.5, 1e3, true, false, null)");

    // Assert
    expect(call.args).toEqual([
      { kind: 'string', value: 'a b', raw: 'a b' },
      { kind: 'number', value: 1 },
      { kind: 'number', value: -2.5 },
      { kind: 'number', value: 1000 },
      { kind: 'boolean', value: true },
      { kind: 'boolean', value: false },
      { kind: 'null' },
    ]);
  });

  it('reads -0 as 0', () => {
    const [arg] = parseIntrinsic('States.Array(-0)').args;
    expect(Object.is(arg?.kind === 'number' ? arg.value : undefined, 0)).toBe(true);
  });

  it('decodes the four escapes and keeps the raw text', () => {
    // Arrange: the intrinsic text is  'it\'s \{\} a \\ b'
    const expression = "States.Format('it\\'s \\{\\} a \\\\ b')";

    // Act
    const [arg] = parseIntrinsic(expression).args;

    // Assert
    expect(arg).toEqual({ kind: 'string', value: "it's {} a \\ b", raw: "it\\'s \\{\\} a \\\\ b" });
  });

  it('keeps a real newline inside a string literal', () => {
    const [arg] = parseIntrinsic("States.StringSplit('Hello\nWorld', '\n')").args;
    expect(arg).toEqual({ kind: 'string', value: 'Hello\nWorld', raw: 'Hello\nWorld' });
  });

  it('parses paths of the input, the context object and variables', () => {
    // Act
    const call = parseIntrinsic("States.Array($, $.a.b, $$.Execution.Id, $myVar.x, $['a,b'], $.list[0])");

    // Assert
    expect(call.args).toEqual([
      { kind: 'path', path: '$' },
      { kind: 'path', path: '$.a.b' },
      { kind: 'path', path: '$$.Execution.Id' },
      { kind: 'path', path: '$myVar.x' },
      { kind: 'path', path: "$['a,b']" },
      { kind: 'path', path: '$.list[0]' },
    ]);
  });

  it('keeps a filter expression with commas and parentheses inside one path', () => {
    const call = parseIntrinsic("States.ArrayLength($.items[?(@.name == 'a, b)' && @.n > 1)])");
    expect(call.args).toEqual([{ kind: 'path', path: "$.items[?(@.name == 'a, b)' && @.n > 1)]" }]);
  });

  it('parses nested calls', () => {
    // Act
    const call = parseIntrinsic("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(1, -1))");

    // Assert
    expect(call).toEqual({
      kind: 'call',
      name: 'States.ArrayGetItem',
      args: [
        {
          kind: 'call',
          name: 'States.StringSplit',
          args: [
            { kind: 'path', path: '$$.StateMachine.Name' },
            { kind: 'string', value: '-', raw: '-' },
          ],
        },
        { kind: 'call', name: 'States.MathAdd', args: [{ kind: 'number', value: 1 }, { kind: 'number', value: -1 }] },
      ],
    });
  });

  it('allows spaces around the name, parentheses and commas', () => {
    const call = parseIntrinsic('  States.MathAdd ( $.a ,1 )  ');
    expect(call.args).toEqual([{ kind: 'path', path: '$.a' }, { kind: 'number', value: 1 }]);
  });

  it.each([
    ['an escaped double quote', "States.StringToJson('{\"text\":\"An \\\"x\\\" here\"}')"],
    ['an unknown escape', "States.Format('a\\nb')"],
    ['an unterminated string', "States.Format('abc)"],
    ['a missing closing parenthesis', 'States.Format($.a'],
    ['text after the call', 'States.UUID() x'],
    ['a trailing comma', 'States.ArrayPartition($.arr, )'],
    ['a bare word argument', 'States.Array(abc)'],
    ['a name outside States', 'Foo.Bar(1)'],
    ['a plain path', '$.a'],
    ['two arguments without a comma', 'States.Array(1 2)'],
    ['an unbalanced path bracket', 'States.Array($.a[0)'],
  ])('refuses %s', (_what, expression) => {
    expect(() => parseIntrinsic(expression)).toThrow(IntrinsicSyntaxError);
  });

  it('names the position of a syntax error', () => {
    // Act
    let caught: unknown;
    try {
      parseIntrinsic('States.Array(1 2)');
    } catch (error) {
      caught = error;
    }

    // Assert
    expect(caught).toBeInstanceOf(IntrinsicSyntaxError);
    expect((caught as IntrinsicSyntaxError).position).toBe(15);
    expect((caught as IntrinsicSyntaxError).reason).toBe("expected ',' or ')' but found '2'");
  });
});
