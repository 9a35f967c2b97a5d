import fixture from './fixtures/visibleIntrinsicCases.json';
import { evaluate } from './testScope';

interface VisibleCase {
  readonly id: string;
  readonly expression: string;
  readonly input: unknown;
  readonly expected: { readonly value: unknown };
}

// The recording replaced names and ARNs by placeholders; a context object holding the same
// placeholders makes the `$$` cases comparable.
const STATE_MACHINE_NAME = '<ArnPart_0idx>';
const contextFor = (input: unknown): unknown => ({
  Execution: { Input: input, Name: '<ExecArnPart_0idx>' },
  StateMachine: { Id: `arn:<partition>:states:<region>:111111111111:stateMachine:${STATE_MACHINE_NAME}`, Name: STATE_MACHINE_NAME },
});

const cases = (fixture as { cases: VisibleCase[] }).cases;

describe('intrinsics against the conformance cases recorded on AWS', () => {
  it('has every single-state intrinsic case of visible.json', () => {
    expect(cases).toHaveLength(129);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    // Act
    const value = evaluate(c.expression, { input: c.input, context: contextFor(c.input) });

    // Assert
    expect(value).toEqual(c.expected.value);
  });
});
