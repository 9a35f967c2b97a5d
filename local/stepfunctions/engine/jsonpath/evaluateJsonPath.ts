import { parseJsonPath, type PathSegment } from './parseJsonPath';
import { evaluateFilter } from './evaluateFilter';

/** What a JSONPath selected: `found` is false when a definite path matched nothing. */
export type PathResult = { readonly found: true; readonly value: unknown } | { readonly found: false };

const NOT_FOUND: PathResult = { found: false };

/** Where the roots of a path live: the state input, the context object, the variables. */
export interface PathRoots {
  readonly input: unknown;
  readonly context?: unknown;
  readonly variables?: { get(name: string): PathResult };
}

/**
 * Evaluates a Step Functions JSONPath. A definite path yields its one value; an indefinite
 * one (wildcard, slice, filter, `..`) yields the array of what it matched.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html
 */
export function evaluateJsonPath(path: string, roots: PathRoots): PathResult {
  const parsed = parseJsonPath(path);
  let start: unknown;
  if (parsed.root === '$') start = roots.input;
  else if (parsed.root === '$$') start = roots.context;
  else {
    const variable = roots.variables?.get(parsed.root.variable) ?? NOT_FOUND;
    if (!variable.found) return NOT_FOUND;
    start = variable.value;
  }
  if (!parsed.indefinite) {
    let current = start;
    for (const segment of parsed.segments) {
      const next = step(current, segment);
      if (next.length === 0) return NOT_FOUND;
      current = next[0];
    }
    return { found: true, value: current };
  }
  let current: unknown[] = [start];
  for (const segment of parsed.segments) {
    const next: unknown[] = [];
    for (const node of current) for (const v of step(node, segment)) next.push(v);
    current = next;
  }
  return { found: true, value: current };
}

function step(node: unknown, segment: PathSegment): unknown[] {
  switch (segment.kind) {
    case 'key':
      if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, segment.key)) return [node[segment.key]];
      return [];
    case 'index': {
      if (!Array.isArray(node)) return [];
      const i = segment.index < 0 ? node.length + segment.index : segment.index;
      return i >= 0 && i < node.length ? [node[i]] : [];
    }
    case 'wildcard':
      if (Array.isArray(node)) return node;
      if (isRecord(node)) return Object.values(node);
      return [];
    case 'slice': {
      if (!Array.isArray(node)) return [];
      const len = node.length;
      const norm = (v: number | undefined, d: number): number => (v === undefined ? d : v < 0 ? Math.max(0, len + v) : Math.min(v, len));
      const from = norm(segment.start, 0);
      const to = norm(segment.end, len);
      const by = segment.step ?? 1;
      const out: unknown[] = [];
      for (let i = from; i < to; i += by > 0 ? by : 1) out.push(node[i]);
      return out;
    }
    case 'union': {
      const out: unknown[] = [];
      for (const k of segment.keys) out.push(...step(node, typeof k === 'number' ? { kind: 'index', index: k } : { kind: 'key', key: k }));
      return out;
    }
    case 'filter': {
      const items = Array.isArray(node) ? node : isRecord(node) ? Object.values(node) : [];
      return items.filter((item) => evaluateFilter(segment.expression, item, readItemPath));
    }
    case 'descendant': {
      const out: unknown[] = [];
      collectDescendants(node, segment.key, out);
      return out;
    }
    default: {
      const unreachable: never = segment;
      return unreachable;
    }
  }
}

function readItemPath(path: string, item: unknown): PathResult {
  return evaluateJsonPath(path, { input: item });
}

function collectDescendants(node: unknown, key: string | undefined, out: unknown[]): void {
  if (Array.isArray(node)) {
    for (const child of node) {
      if (key === undefined) out.push(child);
      collectDescendants(child, key, out);
    }
  } else if (isRecord(node)) {
    for (const [k, child] of Object.entries(node)) {
      if (key === undefined || k === key) out.push(child);
      collectDescendants(child, key, out);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
