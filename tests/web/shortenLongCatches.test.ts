import type { TimelineEntry } from '../../contracts/ops';
import { parseAslDefinition, type AslDefinition } from '../../web/src/graph/aslDefinition';
import { buildGraphModel } from '../../web/src/graph/buildGraphModel';
import { MAX_CATCH_SPAN } from '../../web/src/graph/shortenLongCatches';

/** Ten tasks in a row, each caught by one handler at the bottom. */
function chainWithSharedHandler(): AslDefinition {
  const states: Record<string, object> = {};
  for (let i = 1; i <= 10; i++) {
    states[`A${i}`] = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handler' }], Next: i < 10 ? `A${i + 1}` : 'Done' };
  }
  return parseAslDefinition(JSON.stringify({ StartAt: 'A1', States: { ...states, Handler: { Type: 'Pass', Next: 'Done' }, Done: { Type: 'Succeed' } } }));
}

describe('shortenLongCatches', () => {
  it('ends a Catch that would cross more than the maximum span at a reference node next to its state', () => {
    const model = buildGraphModel(chainWithSharedHandler(), []);

    expect(MAX_CATCH_SPAN).toBe(6);
    expect(model.nodes.filter((n) => n.kind === 'ref').map((n) => [n.id, n.refersTo])).toEqual([
      ['A1->Handler:catch::ref', 'Handler'],
      ['A2->Handler:catch::ref', 'Handler'],
      ['A3->Handler:catch::ref', 'Handler'],
      ['A4->Handler:catch::ref', 'Handler'],
    ]);
    expect(model.edges.filter((e) => e.kind === 'catch').map((e) => [e.source, e.target, e.logicalTarget ?? null])).toEqual([
      ['A1', 'A1->Handler:catch::ref', 'Handler'],
      ['A2', 'A2->Handler:catch::ref', 'Handler'],
      ['A3', 'A3->Handler:catch::ref', 'Handler'],
      ['A4', 'A4->Handler:catch::ref', 'Handler'],
      ['A5', 'Handler', null],
      ['A6', 'Handler', null],
      ['A7', 'Handler', null],
      ['A8', 'Handler', null],
      ['A9', 'Handler', null],
      ['A10', 'Handler', null],
    ]);
  });

  it('marks the shortened edge taken and colours the reference like the handler it stands for', () => {
    const at = (ms: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms)).toISOString();
    const timeline: TimelineEntry[] = [
      { id: 1, timestamp: at(0), type: 'ExecutionStarted', input: '{}' },
      { id: 2, previousEventId: 1, timestamp: at(1), type: 'TaskStateEntered', state: 'A1', input: '{}' },
      { id: 3, previousEventId: 2, timestamp: at(2), type: 'TaskScheduled', resource: 'arn:aws:states:::lambda:invoke' },
      { id: 4, previousEventId: 3, timestamp: at(3), type: 'TaskFailed', error: 'Lambda.Unknown', cause: 'boom' },
      { id: 5, previousEventId: 4, timestamp: at(4), type: 'TaskStateExited', state: 'A1', output: '{}' },
      { id: 6, previousEventId: 5, timestamp: at(5), type: 'PassStateEntered', state: 'Handler', input: '{}' },
    ];

    const model = buildGraphModel(chainWithSharedHandler(), timeline, 'RUNNING');

    expect(model.edges.filter((e) => e.taken).map((e) => e.id)).toEqual(['__start__->A1:start', 'A1->A1->Handler:catch::ref:catch']);
    expect(model.nodes.find((n) => n.id === 'A1->Handler:catch::ref')?.run.status).toBe('running');
    expect(model.runs.get('A1')?.status).toBe('caught');
  });
});
