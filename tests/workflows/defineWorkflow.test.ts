import { defineBranch, defineWorkflow } from '../../workflows/asl/defineWorkflow';

describe('defineWorkflow', () => {
  it('returns the definition as written, each multi-line {% %} on one line, branches included', () => {
    const definition = defineWorkflow({
      Comment: 'two states',
      QueryLanguage: 'JSONata',
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [defineBranch({ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Output: '{% {\n  "a": 1\n} %}', End: true } } })],
          Next: 'Done',
        },
        Done: { Type: 'Succeed', Output: '{% $states.input %}' },
      },
    });

    expect(definition).toEqual({
      Comment: 'two states',
      QueryLanguage: 'JSONata',
      StartAt: 'Fan',
      States: {
        Fan: { Type: 'Parallel', Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Output: '{% { "a": 1 } %}', End: true } } }], Next: 'Done' },
        Done: { Type: 'Succeed', Output: '{% $states.input %}' },
      },
    });
    expect(Object.keys(definition)).toEqual(['Comment', 'QueryLanguage', 'StartAt', 'States']);
  });
});

describe('defineBranch', () => {
  it('keeps a Map processor’s ProcessorConfig and leaves text outside {% %} as it is', () => {
    const processor = defineBranch({ ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Item', States: { Item: { Type: 'Pass', Comment: 'line one\n  line two', End: true } } });

    expect(processor).toEqual({ ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Item', States: { Item: { Type: 'Pass', Comment: 'line one\n  line two', End: true } } });
  });
});
