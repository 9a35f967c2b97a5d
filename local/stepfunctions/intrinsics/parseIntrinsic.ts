import type { IntrinsicCall, IntrinsicNode } from './intrinsicAst';
import { IntrinsicSyntaxError } from './IntrinsicSyntaxError';

/**
 * Parses an intrinsic function call such as `States.Format('x={}', $.a, States.MathAdd(1, 2))`
 * into a tree: nested calls, string literals with AWS's four escapes (`\'`, `\{`, `\}`, `\\`),
 * numbers, `true`/`false`/`null`, and paths (`$`, `$.a[0]`, `$$.Execution.Id`, `$var.x`,
 * `$.items[?(@.n > 1)]`). Function names are not checked here (see `compileIntrinsic`).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
export function parseIntrinsic(expression: string): IntrinsicCall {
  const parser = new Parser(expression);
  parser.skipSpace();
  const call = parser.call();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('unexpected text after the closing parenthesis');
  return call;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const ESCAPABLE = new Set(["'", '{', '}', '\\']);

class Parser {
  private pos = 0;

  public constructor(private readonly text: string) {}

  public atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  public fail(reason: string): never {
    throw new IntrinsicSyntaxError(this.text, this.pos, reason);
  }

  public skipSpace(): void {
    while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  public call(): IntrinsicCall {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.text);
    if (match === null) this.fail('expected a function name');
    const name = match[0];
    if (!name.startsWith('States.')) this.fail(`'${name}' is not a States.* function`);
    this.pos += name.length;
    this.skipSpace();
    if (this.text[this.pos] !== '(') this.fail(`expected '(' after ${name}`);
    this.pos++;
    const args: IntrinsicNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      this.skipSpace();
      args.push(this.argument());
      this.skipSpace();
      const next = this.text[this.pos];
      if (next !== ')' && next !== ',') {
        this.fail(next === undefined ? `missing ')' after the arguments of ${name}` : `expected ',' or ')' but found '${next}'`);
      }
      this.pos++;
      if (next === ')') return { kind: 'call', name, args };
    }
  }

  private argument(): IntrinsicNode {
    const c = this.text[this.pos];
    if (c === "'") return this.string();
    if (c === '$') return { kind: 'path', path: this.path() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (this.keyword('true')) return { kind: 'boolean', value: true };
    if (this.keyword('false')) return { kind: 'boolean', value: false };
    if (this.keyword('null')) return { kind: 'null' };
    if (c !== undefined && /[A-Za-z_]/.test(c)) return this.call();
    return this.fail(c === undefined ? 'expected an argument' : `unexpected '${c}'`);
  }

  private keyword(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    const after = this.text[this.pos + word.length];
    if (after !== undefined && /[A-Za-z0-9_.]/.test(after)) return false;
    this.pos += word.length;
    return true;
  }

  private string(): IntrinsicNode {
    const start = ++this.pos;
    let value = '';
    let chunkStart = start;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('unterminated string literal');
      if (c === "'") break;
      if (c === '\\') {
        const escaped = this.text[this.pos + 1];
        if (escaped === undefined || !ESCAPABLE.has(escaped)) this.fail(`invalid escape sequence '\\${escaped ?? ''}' in a string literal`);
        value += this.text.slice(chunkStart, this.pos) + escaped;
        this.pos += 2;
        chunkStart = this.pos;
        continue;
      }
      this.pos++;
    }
    value += this.text.slice(chunkStart, this.pos);
    const raw = this.text.slice(start, this.pos);
    this.pos++;
    return { kind: 'string', value, raw };
  }

  private number(): IntrinsicNode {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('invalid number');
    this.pos += match[0].length;
    const value = Number(match[0]);
    // JSON has no negative zero; AWS reads `-0` as 0.
    return { kind: 'number', value: value === 0 ? 0 : value };
  }

  /** A path runs to the first `,`, `)` or space outside brackets, parentheses and quotes. */
  private path(): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === "'" || c === '"') {
        if (depth === 0) this.fail('unexpected quote in a path');
        this.skipQuoted(c);
        continue;
      }
      if (c === '[' || c === '(') depth++;
      else if (c === ']' || c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (c === ',' || isSpace(c.charCodeAt(0)))) break;
      this.pos++;
    }
    if (depth !== 0) this.fail('unbalanced brackets in a path');
    return this.text.slice(start, this.pos);
  }

  private skipQuoted(quote: string): void {
    this.pos++;
    while (this.pos < this.text.length && this.text[this.pos] !== quote) {
      this.pos += this.text[this.pos] === '\\' ? 2 : 1;
    }
    if (this.pos >= this.text.length) this.fail('unterminated quote in a path');
    this.pos++;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
