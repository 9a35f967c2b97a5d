import type { PathResult } from './evaluateJsonPath';

/** Reads a `$`-rooted path against one item (the evaluator of the path the filter sits in). */
export type ItemPathReader = (path: string, item: unknown) => PathResult;

/**
 * Evaluates a JSONPath filter body (`@.status == 0 && @.age > 3`, `@.name`) against one item.
 * Covers comparisons with literals, existence tests, `&&` and `||`; that is what AWS documents.
 * `@` paths are read with `read`, given by the path evaluator (which calls this one).
 */
export function evaluateFilter(expression: string, item: unknown, read: ItemPathReader): boolean {
  const ors = splitTopLevel(expression, '||');
  if (ors.length > 1) return ors.some((part) => evaluateFilter(part, item, read));
  const ands = splitTopLevel(expression, '&&');
  if (ands.length > 1) return ands.every((part) => evaluateFilter(part, item, read));
  const text = expression.trim().replace(/^\((.*)\)$/, '$1').trim();
  const m = /^(@[^\s=!<>]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(text);
  if (m === null) return read(`$${text.slice(1)}`, item).found;
  const left = read(`$${(m[1] as string).slice(1)}`, item);
  if (!left.found) return false;
  const right = parseLiteral((m[3] as string).trim());
  const a = left.value;
  switch (m[2]) {
    case '==':
      return a === right;
    case '!=':
      return a !== right;
    case '<':
      return typeof a === typeof right && (a as number) < (right as number);
    case '<=':
      return typeof a === typeof right && (a as number) <= (right as number);
    case '>':
      return typeof a === typeof right && (a as number) > (right as number);
    default:
      return typeof a === typeof right && (a as number) >= (right as number);
  }
}

function parseLiteral(text: string): unknown {
  if (/^'.*'$/.test(text)) return text.slice(1, -1);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function splitTopLevel(text: string, operator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && text.startsWith(operator, i)) {
      parts.push(text.slice(last, i));
      last = i + operator.length;
      i += operator.length - 1;
    }
  }
  parts.push(text.slice(last));
  return parts;
}
