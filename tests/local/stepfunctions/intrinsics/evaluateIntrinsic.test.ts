import {
  evaluateIntrinsic,
  isIntrinsicFunction,
  isValidIntrinsicFunction,
  validateIntrinsic,
} from '../../../../local/stepfunctions/intrinsics/evaluateIntrinsic';
import { intrinsicFailureCause } from '../../../../local/stepfunctions/intrinsics/intrinsicFailureCause';
import { StatesError } from '../../../../local/stepfunctions/errors/StatesError';
import { evaluate, failureOf, testScope } from './testScope';

describe('evaluateIntrinsic', () => {
  it('resolves paths of the input, the context object and variables', () => {
    // Arrange
    const documents = { input: { a: 1 }, context: { Execution: { Id: 'exec-1' } }, variables: { count: { n: 2 } } };

    // Act
    const value = evaluate('States.Array($.a, $$.Execution.Id, $count.n, $)', documents);

    // Assert
    expect(value).toEqual([1, 'exec-1', 2, { a: 1 }]);
  });

  it('passes a path that holds null as null', () => {
    expect(evaluate("States.Format('{}', $.nul)", { input: { nul: null } })).toBe('null');
  });

  it('fails with States.Runtime when a path argument matches nothing, quoting the input', () => {
    // Act
    const error = failureOf("States.Format('{}', $.nope)", { input: { other: 1 } });

    // Assert
    expect(error).toBeInstanceOf(StatesError);
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      "The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'",
    );
  });

  it('names the whole expression, as written, when a nested call fails', () => {
    // Act
    const error = failureOf("States.Format('{}',States.Format('{}', $.items[5]))", { input: { items: [1, 2] } });

    // Assert
    expect(error.cause).toBe(
      "The function 'States.Format('{}',States.Format('{}', $.items[5]))' had the following error: The JsonPath argument for the field '$.items[5]' could not be found in the input '{\"items\":[1,2]}'",
    );
  });

  it('quotes the context object when a $$ path matches nothing', () => {
    // Act
    const error = failureOf('States.Array($$.Execution.Nope)', { input: { a: 1 }, context: { Execution: { Id: 'x' } } });

    // Assert
    expect(error.cause).toBe(
      "The function 'States.Array($$.Execution.Nope)' had the following error: The JsonPath argument for the field '$$.Execution.Nope' could not be found in the input '{\"Execution\":{\"Id\":\"x\"}}'",
    );
  });

  it('fails with Invalid arguments when an argument has the wrong type', () => {
    // Act
    const error = failureOf('States.MathAdd($.a, $.b)', { input: { a: 1, b: 'NOT A NUMBER' } });

    // Assert
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe("The function 'States.MathAdd($.a, $.b)' had the following error: Invalid arguments in States.MathAdd");
  });

  it.each([
    ['too few', 'States.ArrayRange(1, 5)', 'States.ArrayRange'],
    ['too many', 'States.ArrayPartition($.arr, 2, 999)', 'States.ArrayPartition'],
    ['any', 'States.UUID(1)', 'States.UUID'],
  ])('fails with Invalid arguments for %s arguments', (_what, expression, name) => {
    expect(failureOf(expression, { input: { arr: [1] } }).cause).toBe(
      `The function '${expression}' had the following error: Invalid arguments in ${name}`,
    );
  });

  it('fails with the syntax problem when an invalid expression reaches it', () => {
    expect(failureOf('States.Nope(1)').cause).toBe("The function 'States.Nope(1)' had the following error: unknown function 'States.Nope'");
  });

  it('lets an error of the scope pass through unchanged', () => {
    // Arrange
    const thrown = new StatesError('States.Runtime', 'engine says no');
    const scope = {
      resolvePath: (): unknown => {
        throw thrown;
      },
    };

    // Act / Assert
    expect(() => evaluateIntrinsic('States.Array($.a)', scope)).toThrow(thrown);
  });

  it('gives the same result when an expression is evaluated again from its cache', () => {
    // Arrange
    const expression = "States.Format('{}-{}', $.a, States.MathAdd($.a, 1))";

    // Act
    const first = evaluate(expression, { input: { a: 1 } });
    const second = evaluate(expression, { input: { a: 41 } });

    // Assert
    expect([first, second]).toEqual(['1-2', '41-42']);
  });

  it('takes random numbers and UUIDs from the scope', () => {
    // Arrange
    const scope = testScope({ random: () => 0.5, randomUUID: () => '00000000-0000-4000-8000-000000000000' });

    // Act
    const value = evaluateIntrinsic('States.Array(States.MathRandom(0, 10), States.UUID())', scope);

    // Assert
    expect(value).toEqual([5, '00000000-0000-4000-8000-000000000000']);
  });
});

describe('isIntrinsicFunction', () => {
  it.each([
    ["States.Format('{}', $.a)", true],
    ['  States.UUID()  ', true],
    ['States.Nope(1)', true],
    ['$.a', false],
    ['States.Format', false],
    ["'States.UUID()'", false],
    ['{% $x %}', false],
  ])('answers %j with %s', (value, expected) => {
    expect(isIntrinsicFunction(value)).toBe(expected);
  });
});

describe('isValidIntrinsicFunction', () => {
  it.each([
    ["States.Format('{}', $.a)", true],
    ['States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, \'-\'), 0)', true],
    ['States.Nope(1)', false],
    ["States.StringToJson('{\"text\":\"An \\\"escaped double quote\\\" here\"}')", false],
    ["States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')", false],
  ])('answers %j with %s', (value, expected) => {
    expect(isValidIntrinsicFunction(value)).toBe(expected);
  });

  it('explains why an expression is invalid', () => {
    expect(validateIntrinsic("States.Format('a\\\"b')")?.reason).toBe("invalid escape sequence '\\\"' in a string literal");
  });
});

describe('intrinsicFailureCause', () => {
  it('puts AWS state prefix in front of the error evaluateIntrinsic threw', () => {
    // Arrange
    const error = failureOf("States.Format('{}', $.nope)", { input: { other: 1 } });

    // Act
    const cause = intrinsicFailureCause('Pick', 2, 'v.$', error);

    // Assert
    expect(cause).toBe(
      "An error occurred while executing the state 'Pick' (entered at the event id #2). The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'",
    );
  });

  it('accepts the cause text alone', () => {
    expect(intrinsicFailureCause('S', 7, undefined, 'inner')).toBe("An error occurred while executing the state 'S' (entered at the event id #7). inner");
  });
});
