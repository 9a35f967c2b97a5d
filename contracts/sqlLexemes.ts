const NAME_PART = /[A-Za-z0-9_]/;

/**
 * The index after the string literal (`'...'`, `E'...'` with backslash escapes), quoted
 * identifier, dollar-quoted body (`$$ … $$`, `$tag$ … $tag$`) or block comment (`/* … *\/`,
 * nested) that starts at `at`, or undefined when none starts there. What a scan of SQL text skips
 * whole: a `;` or a `:name` inside it is not one. A `$` that opens no body (`$1`) ends at once.
 * @see https://www.postgresql.org/docs/current/sql-syntax-lexical.html
 */
export function skipSqlLexeme(sql: string, at: number): number | undefined {
  const ch = sql[at];
  if (ch === "'") {
    const escapes = at > 0 && /[eE]/.test(sql[at - 1] as string) && !NAME_PART.test(sql[at - 2] ?? ' ');
    return skipQuoted(sql, at, "'", escapes);
  }
  if (ch === '"') return skipQuoted(sql, at, '"', false);
  if (ch === '/' && sql[at + 1] === '*') return skipBlockComment(sql, at);
  if (ch === '$' && (at === 0 || !NAME_PART.test(sql[at - 1] as string))) return skipDollarQuoted(sql, at);
  return undefined;
}

/** Where the `--` comment at `at` ends: at its newline (kept), or the end of the text. */
export function lineCommentEnd(sql: string, at: number): number {
  const newline = sql.indexOf('\n', at);
  return newline < 0 ? sql.length : newline;
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
