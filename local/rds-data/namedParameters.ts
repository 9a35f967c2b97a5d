import { lineCommentEnd, skipSqlLexeme } from '../../contracts/sqlLexemes';

/** A statement with its `:name` placeholders replaced by Postgres's `$n`. */
export interface CompiledStatement {
  readonly text: string;
  /** Parameter names in `$n` order (`names[0]` is `$1`). */
  readonly names: readonly string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/**
 * Replaces the Data API's named placeholders (`:id`) with positional ones (`$1`), leaving alone
 * what only looks like one: `::casts`, string literals (`'...'`, `E'...'`), quoted identifiers,
 * dollar-quoted bodies and comments. A name used twice maps to the same `$n`. Only names in
 * `known` are replaced, so a stray `:word` reaches Postgres unchanged (and fails there, as on AWS).
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.calling.html
 */
export function compileNamedParameters(sql: string, known: ReadonlySet<string>): CompiledStatement {
  // A statement's text and parameter names come from its call site: the same few recur on every request.
  const key = `${[...known].sort().join(',')}\u0000${sql}`;
  const cached = COMPILED.get(key);
  if (cached !== undefined) return cached;
  const compiled = compile(sql, known);
  if (COMPILED.size >= MAX_COMPILED) COMPILED.clear();
  COMPILED.set(key, compiled);
  return compiled;
}

/** Compiled statements by parameter names and text; cleared whole when full (ad-hoc SQL from a console must not grow it forever). */
const COMPILED = new Map<string, CompiledStatement>();
const MAX_COMPILED = 1_000;

function compile(sql: string, known: ReadonlySet<string>): CompiledStatement {
  const names: string[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    const skipped = ch === '-' && next === '-' ? lineCommentEnd(sql, i) : skipSqlLexeme(sql, i);
    if (skipped !== undefined) {
      out += sql.slice(i, skipped);
      i = skipped;
    } else if (ch === ':' && next === ':') {
      out += '::';
      i += 2;
    } else if (ch === ':' && next !== undefined && NAME_START.test(next)) {
      let end = i + 1;
      while (end < sql.length && NAME_PART.test(sql[end] as string)) end++;
      const name = sql.slice(i + 1, end);
      if (known.has(name)) {
        let index = names.indexOf(name);
        if (index < 0) index = names.push(name) - 1;
        out += `$${index + 1}`;
      } else {
        out += sql.slice(i, end);
      }
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  return { text: out, names };
}
