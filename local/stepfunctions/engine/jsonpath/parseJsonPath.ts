/** One step of a JSONPath (after the `$` root). */
export type PathSegment =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'descendant'; readonly key: string | undefined }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number; readonly step?: number }
  | { readonly kind: 'union'; readonly keys: readonly (string | number)[] }
  | { readonly kind: 'filter'; readonly expression: string };

export interface ParsedPath {
  /** `$$` paths read the context object; `$name` paths read a variable. */
  readonly root: '$' | '$$' | { readonly variable: string };
  readonly segments: readonly PathSegment[];
  /** True when the path can select several values (wildcards, slices, filters...). */
  readonly indefinite: boolean;
}

const cache = new Map<string, ParsedPath>();

/** Parses a Step Functions JSONPath (`$.a.b[0]`, `$$.Execution.Id`, `$var.x`); throws on bad syntax. */
export function parseJsonPath(path: string): ParsedPath {
  const hit = cache.get(path);
  if (hit !== undefined) return hit;
  const parsed = parseUncached(path);
  if (cache.size > 10_000) cache.clear();
  cache.set(path, parsed);
  return parsed;
}

function parseUncached(path: string): ParsedPath {
  let i: number;
  let root: ParsedPath['root'];
  if (path.startsWith('$$')) {
    root = '$$';
    i = 2;
  } else if (path.startsWith('$')) {
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(path);
    if (m !== null) {
      root = { variable: m[1] as string };
      i = m[0].length;
    } else {
      root = '$';
      i = 1;
    }
  } else {
    throw new Error(`Invalid JSONPath: ${path}`);
  }
  const segments: PathSegment[] = [];
  let indefinite = false;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (path[i + 1] === '.') {
        i += 2;
        const m = /^(\*|[^.[\]]+)/.exec(path.slice(i));
        if (m !== null) {
          segments.push({ kind: 'descendant', key: m[1] === '*' ? undefined : m[1] });
          i += m[0].length;
        } else {
          segments.push({ kind: 'descendant', key: undefined });
        }
        indefinite = true;
        continue;
      }
      i += 1;
      const m = /^[^.[\]]+/.exec(path.slice(i));
      if (m === null) throw new Error(`Invalid JSONPath: ${path}`);
      if (m[0] === '*') {
        segments.push({ kind: 'wildcard' });
        indefinite = true;
      } else segments.push({ kind: 'key', key: m[0] });
      i += m[0].length;
    } else if (c === '[') {
      const close = findClose(path, i);
      const inner = path.slice(i + 1, close).trim();
      i = close + 1;
      const segment = parseBracket(inner, path);
      if (segment.kind !== 'key' && segment.kind !== 'index') indefinite = true;
      segments.push(segment);
    } else {
      throw new Error(`Invalid JSONPath: ${path}`);
    }
  }
  return { root, segments, indefinite };
}

function findClose(path: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let j = open; j < path.length; j++) {
    const ch = path[j];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return j;
  }
  throw new Error(`Invalid JSONPath: ${path}`);
}

function parseBracket(inner: string, path: string): PathSegment {
  if (inner === '*') return { kind: 'wildcard' };
  if (inner.startsWith('?')) return { kind: 'filter', expression: inner.replace(/^\?\s*\(/, '').replace(/\)$/, '') };
  const quoted = /^(['"])(.*)\1$/.exec(inner);
  if (quoted !== null && !inner.includes(',')) return { kind: 'key', key: quoted[2] as string };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  if (inner.includes(':')) {
    const [a, b, s] = inner.split(':').map((p) => (p.trim() === '' ? undefined : Number(p)));
    return { kind: 'slice', start: a, end: b, step: s };
  }
  if (inner.includes(',')) {
    return { kind: 'union', keys: inner.split(',').map((p) => p.trim()).map((p) => (/^-?\d+$/.test(p) ? Number(p) : p.replace(/^['"]|['"]$/g, ''))) };
  }
  throw new Error(`Invalid JSONPath: ${path}`);
}
