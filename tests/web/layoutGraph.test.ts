import ELK from 'elkjs/lib/elk.bundled.js';
import emission from '../../workflows/emission.asl.json';
import { generateDefinition } from '../../bench/console/generateDefinition';
import { parseAslDefinition } from '../../web/src/graph/aslDefinition';
import { buildGraphModel } from '../../web/src/graph/buildGraphModel';
import { layoutGraph, type Box } from '../../web/src/graph/layoutGraph';

const elk = new ELK();

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

describe('layoutGraph', () => {
  it('places every node of the emission workflow top-down from Start to End, each edge routed', async () => {
    const { structure } = buildGraphModel(parseAslDefinition(JSON.stringify(emission)), []);

    const layout = await layoutGraph(elk, structure);

    expect(Object.keys(layout.nodes).sort()).toEqual(structure.nodes.map((n) => n.id).sort());
    expect(Object.keys(layout.edges).sort()).toEqual(structure.edges.map((e) => e.id).sort());
    expect(structure.edges.every((e) => (layout.edges[e.id]?.points.length ?? 0) >= 2)).toBe(true);
    const y = (id: string): number => layout.nodes[id]?.y ?? Number.NaN;
    expect(y('__start__')).toBeLessThan(y('MarkProcessing'));
    expect(y('MarkProcessing')).toBeLessThan(y('RequestIssuance'));
    expect(y('InvoiceFailed')).toBeLessThan(y('__end__'));
    expect(layout.order[0]).toBe('__start__');
    expect(layout.edges['CheckOutcome->CityNeverAnswered:default']?.label).toMatchObject({ width: expect.any(Number), height: 18 });
  });

  it('keeps Map and Parallel children inside their boxes, and lays out a 100-state machine', async () => {
    const definition = generateDefinition(100);
    const { structure } = buildGraphModel(definition, []);

    const layout = await layoutGraph(elk, structure);

    const children = structure.nodes.filter((n) => n.parentId !== undefined);
    expect(children.length).toBeGreaterThan(20);
    for (const child of children) {
      const box = layout.nodes[child.id];
      const parent = child.parentId === undefined ? undefined : layout.nodes[child.parentId];
      expect(box !== undefined && parent !== undefined && inside(box, parent)).toBe(true);
    }
    const branches = ['FanOut::branch1', 'FanOut::branch2', 'FanOut::branch3'].map((id) => layout.nodes[id]);
    // Branches side by side, top-aligned, in order.
    expect(branches.map((b) => b?.y)).toEqual([branches[0]?.y, branches[0]?.y, branches[0]?.y]);
    expect((branches[0]?.x ?? 0) < (branches[1]?.x ?? 0) && (branches[1]?.x ?? 0) < (branches[2]?.x ?? 0)).toBe(true);
  });
});
