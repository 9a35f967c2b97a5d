import type { IntrinsicFunctionDefinition } from './argumentSpec';
import type { IntrinsicCall, IntrinsicNode, JsonValue } from './intrinsicAst';
import { IntrinsicSyntaxError } from './IntrinsicSyntaxError';
import { parseIntrinsic } from './parseIntrinsic';
import { INTRINSIC_FUNCTIONS } from './registry';

/** An intrinsic ready to evaluate: functions looked up, literals turned into values. */
export type CompiledNode =
  | {
      readonly kind: 'call';
      readonly definition: IntrinsicFunctionDefinition;
      readonly args: readonly CompiledNode[];
      readonly argNodes: readonly IntrinsicNode[];
    }
  | { readonly kind: 'value'; readonly value: JsonValue }
  | { readonly kind: 'path'; readonly path: string; readonly root: string };

export type CompiledCall = Extract<CompiledNode, { kind: 'call' }>;

const MAX_CACHED = 5000;
const cache = new Map<string, CompiledCall | IntrinsicSyntaxError>();

/**
 * Parses and compiles an expression once; later calls with the same text hit a cache, since the
 * engine evaluates the same few expressions over and over. Throws `IntrinsicSyntaxError` for
 * invalid syntax or an unknown `States.*` name.
 */
export function compileIntrinsic(expression: string): CompiledCall {
  let compiled = cache.get(expression);
  if (compiled === undefined) {
    try {
      compiled = compileCall(parseIntrinsic(expression), expression);
    } catch (error) {
      if (!(error instanceof IntrinsicSyntaxError)) throw error;
      compiled = error;
    }
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(expression, compiled);
  }
  if (compiled instanceof IntrinsicSyntaxError) throw compiled;
  return compiled;
}

function compileCall(call: IntrinsicCall, expression: string): CompiledCall {
  const definition = INTRINSIC_FUNCTIONS.get(call.name);
  if (definition === undefined) throw new IntrinsicSyntaxError(expression, 0, `unknown function '${call.name}'`);
  return { kind: 'call', definition, args: call.args.map((arg) => compileNode(arg, expression)), argNodes: call.args };
}

function compileNode(node: IntrinsicNode, expression: string): CompiledNode {
  switch (node.kind) {
    case 'call':
      return compileCall(node, expression);
    case 'path':
      return { kind: 'path', path: node.path, root: pathRoot(node.path) };
    case 'string':
    case 'number':
    case 'boolean':
      return { kind: 'value', value: node.value };
    case 'null':
      return { kind: 'value', value: null };
    default: {
      const never: never = node;
      return never;
    }
  }
}

/** The document a path reads: `$$` (context object), `$name` (a variable) or `$` (state input). */
export function pathRoot(path: string): string {
  if (path.startsWith('$$')) return '$$';
  const variable = /^\$[A-Za-z_][A-Za-z0-9_]*/.exec(path);
  return variable === null ? '$' : variable[0];
}
