import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import type { IntrinsicNode, JsonValue } from '../intrinsicAst';
import { invalidArguments } from '../IntrinsicArgumentError';

/**
 * `States.Format(template, ...values)`: the template with each `{}` replaced by the next value.
 * In a literal template `\{` and `\}` are plain braces. A value is written the way AWS's JVM
 * prints it: strings bare, `null`, numbers and booleans as JSON, objects as `{Arg1=1, Arg2=[]}`
 * and arrays as `[a, b]` (Java's Map/List `toString`). The count of `{}` must equal the values'.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-generic
 */
export const statesFormat: IntrinsicFunctionDefinition = {
  name: 'States.Format',
  spec: { min: 1, max: Number.POSITIVE_INFINITY, types: ['string'] },
  evaluate: (args, context) => {
    const pieces = templatePieces(args[0] as string, context.argNodes[0]);
    if (pieces.length - 1 !== args.length - 1) {
      throw invalidArguments('States.Format', 'number of arguments do not match the occurrences of {}.');
    }
    let result = pieces[0] as string;
    for (let i = 1; i < pieces.length; i++) result += toFormatString(args[i] as JsonValue) + (pieces[i] as string);
    return result;
  },
};

const templateCache = new Map<string, readonly string[]>();

/** The literal text around each `{}`: n placeholders give n + 1 pieces. */
function templatePieces(template: string, node: IntrinsicNode | undefined): readonly string[] {
  if (node?.kind !== 'string') return template.split('{}');
  const cached = templateCache.get(node.raw);
  if (cached !== undefined) return cached;
  const pieces = splitEscapedTemplate(node.raw);
  if (templateCache.size > 1000) templateCache.clear();
  templateCache.set(node.raw, pieces);
  return pieces;
}

/** Splits a literal as written: `\x` stands for x and is never part of a placeholder. */
function splitEscapedTemplate(raw: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (c === '\\') {
      current += raw.charAt(i + 1);
      i++;
    } else if (c === '{' && raw.charAt(i + 1) === '}') {
      pieces.push(current);
      current = '';
      i++;
    } else current += c;
  }
  pieces.push(current);
  return pieces;
}

/** A value as `States.Format` writes it. */
export function toFormatString(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toFormatString).join(', ')}]`;
  const entries: string[] = [];
  for (const key of Object.keys(value)) entries.push(`${key}=${toFormatString(value[key] as JsonValue)}`);
  return `{${entries.join(', ')}}`;
}
