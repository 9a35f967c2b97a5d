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
  const names: string[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (ch === "'") {
      const escapes = i > 0 && /[eE]/.test(sql[i - 1] as string) && !NAME_PART.test(sql[i - 2] ?? ' ');
      const end = skipQuoted(sql, i, "'", escapes);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '"') {
      const end = skipQuoted(sql, i, '"', false);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      const end = newline < 0 ? sql.length : newline;
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '/' && next === '*') {
      const end = skipBlockComment(sql, i);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '$' && (i === 0 || !NAME_PART.test(sql[i - 1] as string))) {
      const end = skipDollarQuoted(sql, i);
      out += sql.slice(i, end);
      i = end;
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

function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslashEscapes && ch === '\\') {
      i += 2;
    } else if (ch === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return sql.length;
}

function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}

/** `$tag$ ... $tag$` (or `$$ ... $$`); a `$` that opens no such body is one character. */
function skipDollarQuoted(sql: string, start: number): number {
  const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(start));
  if (match === null) return start + 1;
  const tag = match[0];
  const close = sql.indexOf(tag, start + tag.length);
  return close < 0 ? sql.length : close + tag.length;
}
