/** A Postgres array in text form, parsed: elements stay text (or null), nesting is kept. */
export type PgArray = Array<string | null | PgArray>;

/**
 * Parses Postgres's array output (`{1,2,NULL}`, `{"a b","c\"d"}`, `{{1,2},{3,4}}`, and the
 * `[0:1]={...}` form for non-default bounds). Elements are separated by `,` (every built-in type
 * but box uses it).
 * @see https://www.postgresql.org/docs/current/arrays.html#ARRAYS-IO
 */
export function parsePgArray(text: string): PgArray {
  const start = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
  const parser = new ArrayParser(text, start);
  return parser.parseArray();
}

class ArrayParser {
  public constructor(
    private readonly text: string,
    private pos: number,
  ) {}

  public parseArray(): PgArray {
    this.expect('{');
    const items: PgArray = [];
    if (this.text[this.pos] === '}') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.parseElement());
      const ch = this.text[this.pos++];
      if (ch === '}') return items;
      if (ch !== ',') throw new Error(`malformed array literal at ${this.pos - 1}: ${this.text}`);
    }
  }

  private parseElement(): string | null | PgArray {
    const ch = this.text[this.pos];
    if (ch === '{') return this.parseArray();
    if (ch === '"') return this.parseQuoted();
    const startPos = this.pos;
    while (this.pos < this.text.length && this.text[this.pos] !== ',' && this.text[this.pos] !== '}') this.pos++;
    const raw = this.text.slice(startPos, this.pos).trim();
    return raw.toUpperCase() === 'NULL' ? null : raw;
  }

  private parseQuoted(): string {
    this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++] as string;
      if (ch === '\\') out += this.text[this.pos++] ?? '';
      else if (ch === '"') return out;
      else out += ch;
    }
    throw new Error(`unterminated quoted element: ${this.text}`);
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new Error(`expected '${ch}' at ${this.pos}: ${this.text}`);
    this.pos++;
  }
}
