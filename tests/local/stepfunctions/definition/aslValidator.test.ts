import { aslValidatorProblems, aslValidatorProblemsOffThread } from '../../../../local/stepfunctions/definition/aslValidator';

/** Definitions with distinct texts (results are kept per text), each with what asl-validator says of it. */
const DEFINITIONS: [object, readonly string[]][] = [
  [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } }, Comment: 'valid' }, []],
  [{ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } }, Comment: 'both Next and End' }, ['TERMINAL_STATE_WITH_NEXT: State "A" MUST contain exactly one of "End", "Next"']],
  [{ StartAt: 'W', States: { W: { Type: 'Wait', End: true } }, Comment: 'no duration' }, ['WAIT_DURATION: State "W" MUST contain exactly one of "Seconds", "SecondsPath", "Timestamp", "TimestampPath"']],
  [{ StartAt: 'A', States: { A: { Type: 'Pass', Assign: { list: [1, null] }, End: true } }, Comment: 'a false positive left out' }, []],
];

describe('aslValidatorProblems', () => {
  it.each(DEFINITIONS)('words the complaints about %j as CODE: message', (definition, expected) => {
    expect(aslValidatorProblems(JSON.stringify(definition), definition)).toEqual(expected);
  });

  it('answers the same on its worker thread', async () => {
    const offThread = await Promise.all(DEFINITIONS.map(([definition]) => aslValidatorProblemsOffThread(`${JSON.stringify(definition)} `, definition)));

    expect(offThread).toEqual(DEFINITIONS.map(([, expected]) => expected));
  });

  it('leaves the event loop free while the worker validates', async () => {
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } }, Comment: 'loop' };
    let turns = 0;
    let spinning = true;
    const spin = (): void => {
      turns += 1;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);

    await aslValidatorProblemsOffThread(JSON.stringify(definition), definition);
    spinning = false;

    expect(turns).toBeGreaterThan(10);
  });
});
