import type { StructureEdge, StructureNode } from './graphModel';

/** A Catch that would cross more layers than this points to a reference node instead. */
export const MAX_CATCH_SPAN = 6;

/**
 * Large machines often send every Catch to one handler at the bottom: each such edge would run
 * through every layer in between, which makes the drawing several times wider and the layout
 * several times slower (each layer crossed is a dummy node for ELK). A Catch that would cross
 * more than {@link MAX_CATCH_SPAN} layers ends instead at a small "↪ Handler" node next to its
 * state; selecting that node selects the handler. Layers are estimated like ELK's: longest path
 * from the entry once the loops (edges back to a state on the DFS path) are set aside.
 */
export function shortenLongCatches(nodes: readonly StructureNode[], edges: readonly StructureEdge[], entries: ReadonlyMap<string, string>): { nodes: StructureNode[]; edges: StructureEdge[] } {
  const containerOf = new Map(nodes.map((n) => [n.id, n.parentId ?? '']));
  const byContainer = new Map<string, StructureEdge[]>();
  for (const edge of edges) {
    const container = containerOf.get(edge.source);
    if (container === undefined || container !== containerOf.get(edge.target)) continue;
    const list = byContainer.get(container) ?? [];
    list.push(edge);
    byContainer.set(container, list);
  }
  const long = new Set<string>();
  for (const [container, inside] of byContainer) {
    if (!inside.some((e) => e.kind === 'catch')) continue;
    const layer = estimateLayers(inside, entries.get(container));
    for (const edge of inside) {
      if (edge.kind === 'catch' && (layer.get(edge.target) ?? 0) - (layer.get(edge.source) ?? 0) > MAX_CATCH_SPAN) long.add(edge.id);
    }
  }
  if (long.size === 0) return { nodes: [...nodes], edges: [...edges] };
  const refs: StructureNode[] = [];
  const rerouted = edges.map((edge): StructureEdge => {
    if (!long.has(edge.id)) return edge;
    const refId = `${edge.id}::ref`;
    const parentId = containerOf.get(edge.source);
    refs.push({ id: refId, kind: 'ref', label: edge.target, stateType: '', ...(parentId ? { parentId } : {}), compound: false, retry: false, refersTo: edge.target, ...(edge.title !== undefined ? { comment: edge.title } : {}) });
    // The errors move to the reference node's tooltip: a label is one more node for ELK to place.
    return { id: `${edge.source}->${refId}:catch`, source: edge.source, target: refId, kind: 'catch', logicalTarget: edge.target, ...(edge.title !== undefined ? { title: edge.title } : {}), ...(edge.errors !== undefined ? { errors: edge.errors } : {}) };
  });
  return { nodes: [...nodes, ...refs], edges: rerouted };
}

/** Longest-path layers of one container's nodes, loops set aside by a DFS from its entry. */
function estimateLayers(edges: readonly StructureEdge[], entry: string | undefined): Map<string, number> {
  const out = new Map<string, string[]>();
  const ids = new Set<string>();
  for (const e of edges) {
    ids.add(e.source).add(e.target);
    const list = out.get(e.source) ?? [];
    list.push(e.target);
    out.set(e.source, list);
  }
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const roots = [...(entry !== undefined && ids.has(entry) ? [entry] : []), ...ids];
  for (const root of roots) {
    if (state.has(root)) continue;
    // Iterative DFS: a deep chain of states must not overflow the stack.
    const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      const targets = out.get(top.id) ?? [];
      const target = targets[top.next++];
      if (target === undefined) {
        state.set(top.id, 'done');
        stack.pop();
      } else if (state.get(target) === 'open') {
        back.add(`${top.id}\u0000${target}`);
      } else if (!state.has(target)) {
        state.set(target, 'open');
        stack.push({ id: target, next: 0 });
      }
    }
  }
  const indegree = new Map([...ids].map((id) => [id, 0]));
  const forward = new Map<string, string[]>();
  for (const e of edges) {
    if (back.has(`${e.source}\u0000${e.target}`)) continue;
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    const list = forward.get(e.source) ?? [];
    list.push(e.target);
    forward.set(e.source, list);
  }
  const layer = new Map([...ids].map((id) => [id, 0]));
  const queue = [...ids].filter((id) => indegree.get(id) === 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    if (id === undefined) continue;
    for (const target of forward.get(id) ?? []) {
      layer.set(target, Math.max(layer.get(target) ?? 0, (layer.get(id) ?? 0) + 1));
      const left = (indegree.get(target) ?? 0) - 1;
      indegree.set(target, left);
      if (left === 0) queue.push(target);
    }
  }
  return layer;
}
