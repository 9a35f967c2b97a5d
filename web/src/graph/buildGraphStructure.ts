import { subMachinesOf, type AslDefinition, type AslState, type AslSubMachine } from './aslDefinition';
import { describeChoiceRule, shorten } from './describeChoiceRule';
import type { EdgeKind, GraphStructure, StructureEdge, StructureNode } from './graphModel';
import { shortenLongCatches } from './shortenLongCatches';

export const START_ID = '__start__';
export const END_ID = '__end__';
const LABEL_MAX = 34;

/** Where a state sits in the definition: what the history scan needs to place its events. */
export interface StateInfo {
  readonly name: string;
  readonly state: AslState;
  /** The Map or Parallel state holding it; undefined at top level. */
  readonly parentState?: string;
  /** Whether it is the StartAt of its (sub-)machine. */
  readonly isStart: boolean;
  /** Every state the flow may go to from here (Next, Choices, Default, Catch). */
  readonly successors: ReadonlySet<string>;
}

/** The structure of the graph and an index of every state, nested ones included. */
export interface DefinitionIndex {
  readonly structure: GraphStructure;
  readonly states: ReadonlyMap<string, StateInfo>;
}

/**
 * Turns a definition into nodes and edges, like the Step Functions console draws it: a Start
 * and an End marker, Map and Parallel as boxes holding their states, Choice rules, Defaults and
 * Catchers as labelled edges. Retriers are no edges (the node carries a badge).
 */
export function buildGraphStructure(definition: AslDefinition): DefinitionIndex {
  const nodes: StructureNode[] = [{ id: START_ID, kind: 'start', label: 'Start', stateType: '', compound: false, retry: false }];
  const edges: StructureEdge[] = [];
  const states = new Map<string, StateInfo>();
  /** Container id ('' at top level) to the node its flow starts at. */
  const entries = new Map<string, string>([['', START_ID]]);

  const addEdge = (source: string, target: string, kind: EdgeKind, label?: string, title?: string, errors?: readonly string[]): void => {
    const same = edges.findIndex((e) => e.source === source && e.target === target && e.kind === kind);
    const existing = edges[same];
    if (existing === undefined) {
      edges.push({ id: `${source}->${target}:${kind}`, source, target, kind, ...(label !== undefined ? { label } : {}), ...(title !== undefined ? { title } : {}), ...(errors !== undefined ? { errors } : {}) });
      return;
    }
    // Two rules (or catchers) to the same state: one edge naming both.
    const joinedTitle = [existing.title ?? existing.label, title ?? label].filter((t) => t !== undefined).join('\n');
    const joinedErrors = existing.errors !== undefined || errors !== undefined ? { errors: [...(existing.errors ?? []), ...(errors ?? [])] } : {};
    edges[same] = { ...existing, label: shorten([existing.label, label].filter((t) => t !== undefined).join(' | '), LABEL_MAX), title: joinedTitle, ...joinedErrors };
  };

  const visitMachine = (machine: AslSubMachine, parentState: string | undefined, container: string | undefined): void => {
    if (container !== undefined) entries.set(container, machine.StartAt);
    for (const [name, state] of Object.entries(machine.States)) {
      const compound = state.Type === 'Map' || state.Type === 'Parallel';
      nodes.push({
        id: name,
        kind: 'state',
        label: name,
        stateType: state.Type,
        ...(container !== undefined ? { parentId: container } : {}),
        compound,
        retry: Array.isArray(state.Retry) && state.Retry.length > 0,
        ...(typeof state.Resource === 'string' ? { resource: state.Resource } : {}),
        ...(typeof state.Comment === 'string' ? { comment: state.Comment } : {}),
      });
      states.set(name, { name, state, ...(parentState !== undefined ? { parentState } : {}), isStart: machine.StartAt === name, successors: successorsOf(state) });
      addStateEdges(name, state, container === undefined, addEdge);
      const subs = subMachinesOf(state);
      if (state.Type === 'Parallel') {
        subs.forEach((branch, i) => {
          const branchId = `${name}::branch${i + 1}`;
          nodes.push({ id: branchId, kind: 'branch', label: `Branch ${i + 1}`, stateType: '', parentId: name, compound: true, retry: false });
          visitMachine(branch, name, branchId);
        });
      } else {
        for (const sub of subs) visitMachine(sub, name, name);
      }
    }
  };

  visitMachine(definition, undefined, undefined);
  nodes.push({ id: END_ID, kind: 'end', label: 'End', stateType: '', compound: false, retry: false });
  edges.unshift({ id: `${START_ID}->${definition.StartAt}:start`, source: START_ID, target: definition.StartAt, kind: 'start' });
  const drawn = shortenLongCatches(
    nodes,
    edges.filter((e) => states.has(e.target) || e.target === END_ID),
    entries,
  );
  return { structure: { key: structureKey(drawn.nodes, drawn.edges), nodes: drawn.nodes, edges: drawn.edges }, states };
}

function addStateEdges(name: string, state: AslState, topLevel: boolean, addEdge: (s: string, t: string, k: EdgeKind, label?: string, title?: string, errors?: readonly string[]) => void): void {
  if (typeof state.Next === 'string') addEdge(name, state.Next, 'next');
  (state.Choices ?? []).forEach((rule, i) => {
    if (typeof rule.Next !== 'string') return;
    const text = describeChoiceRule(rule, i + 1);
    addEdge(name, rule.Next, 'choice', shorten(text, LABEL_MAX), text);
  });
  if (typeof state.Default === 'string') addEdge(name, state.Default, 'default', 'Default');
  for (const catcher of state.Catch ?? []) {
    if (typeof catcher.Next !== 'string') continue;
    const errors = Array.isArray(catcher.ErrorEquals) ? catcher.ErrorEquals : [];
    const label = errors.length <= 1 ? (errors[0] ?? 'Catch') : `${errors[0]} +${errors.length - 1}`;
    addEdge(name, catcher.Next, 'catch', shorten(label, LABEL_MAX), `Catch: ${errors.join(', ')}`, errors.filter((e): e is string => typeof e === 'string'));
  }
  const terminal = state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';
  if (topLevel && terminal) addEdge(name, END_ID, 'end');
}

function successorsOf(state: AslState): ReadonlySet<string> {
  const next = new Set<string>();
  if (typeof state.Next === 'string') next.add(state.Next);
  if (typeof state.Default === 'string') next.add(state.Default);
  for (const rule of state.Choices ?? []) if (typeof rule.Next === 'string') next.add(rule.Next);
  for (const catcher of state.Catch ?? []) if (typeof catcher.Next === 'string') next.add(catcher.Next);
  return next;
}

/** FNV-1a over the shape: equal for definitions that differ only in what the graph does not draw. */
function structureKey(nodes: readonly StructureNode[], edges: readonly StructureEdge[]): string {
  const text = JSON.stringify([nodes.map((n) => [n.id, n.kind, n.stateType, n.parentId, n.retry]), edges.map((e) => [e.source, e.target, e.kind, e.label])]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(36)}-${text.length.toString(36)}`;
}
