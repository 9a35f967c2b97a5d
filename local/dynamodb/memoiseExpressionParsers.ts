import conditionParser from 'dynalite/db/conditionParser';
import projectionParser from 'dynalite/db/projectionParser';
import updateParser from 'dynalite/db/updateParser';
import type { ExpressionParser, ParseContext } from 'dynalite/db/conditionParser';
import { ExpressionTemplate } from './ExpressionTemplate';
import type { AttributeValues } from './ExpressionTemplate';

/** A parse kept for reuse: the tree, and the names and values the expression used. */
interface ParsedExpression {
  readonly template: ExpressionTemplate;
  readonly usedNames: readonly string[];
  readonly usedValues: readonly string[];
}

/** Expressions kept per process; a workflow's few dozen fit many times over. */
const CAPACITY = 2_000;

/** The order dynalite's parsers read a value's type in (`getImmediateType`). */
const TYPE_ORDER = ['S', 'N', 'B', 'NULL', 'BOOL', 'SS', 'NS', 'BS', 'L', 'M'] as const;

const installed = new WeakSet<ExpressionParser>();

/**
 * Makes dynalite parse each Condition/Update/KeyCondition/Filter/Projection expression once per
 * process instead of on every request (its PEG parsers were a large share of its CPU).
 *
 * dynalite's parsers resolve `#names` and `:values` while parsing and check value types, so a
 * parse is reused only for the same parser, expression text, `ExpressionAttributeNames` and the
 * same type of every `ExpressionAttributeValues` entry, and each request gets a tree holding its
 * own values ({@link ExpressionTemplate}). Parses whose outcome depends on a value's content
 * (`BETWEEN`'s bounds, `attribute_type`'s type name), and errors, are not kept: they run every
 * time. Names and values the expression used are marked used on the request, as the parser does.
 * Idempotent: dynalite's modules are shared by every local cloud in the process.
 */
export function memoiseExpressionParsers(): void {
  for (const parser of [conditionParser, updateParser, projectionParser]) {
    if (installed.has(parser)) continue;
    parser.parse = memoised(parser.parse.bind(parser));
    installed.add(parser);
  }
}

function memoised(parse: ExpressionParser['parse']): ExpressionParser['parse'] {
  const cache = new Map<string, ParsedExpression>();
  return (input, options) => {
    const context = options.context;
    const key = cacheKey(input, context);
    if (key === undefined) return parse(input, options);
    const kept = cache.get(key);
    if (kept !== undefined) {
      for (const name of kept.usedNames) delete context.unusedAttrNames[name];
      for (const name of kept.usedValues) delete context.unusedAttrVals[name];
      return kept.template.instantiate(context.attrVals);
    }
    // The parser deletes what it uses from these: given all the keys, it shows what this expression used.
    const unusedNames = keysOf(context.attrNames);
    const unusedValues = keysOf(context.attrVals);
    const result = parse(input, { ...options, context: { ...context, unusedAttrNames: unusedNames, unusedAttrVals: unusedValues } });
    const usedNames = Object.keys(context.attrNames ?? {}).filter((name) => !(name in unusedNames));
    const usedValues = Object.keys(context.attrVals ?? {}).filter((name) => !(name in unusedValues));
    for (const name of usedNames) delete context.unusedAttrNames[name];
    for (const name of usedValues) delete context.unusedAttrVals[name];
    if (typeof result === 'object' && result !== null && !dependsOnValueContent(result)) {
      const template = ExpressionTemplate.of(result, context.attrVals);
      if (template !== undefined) {
        if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value as string);
        cache.set(key, { template, usedNames, usedValues });
      }
    }
    return result;
  };
}

/** The parse's inputs: text, names, and each value's type; undefined when a value is not a plain AttributeValue. */
function cacheKey(input: string, context: ParseContext): string | undefined {
  let types = '';
  for (const [name, value] of Object.entries(context.attrVals ?? {})) {
    const type = immediateType(value);
    if (type === undefined) return undefined;
    types += `${name}=${type},`;
  }
  return `${input}\u0000${JSON.stringify(context.attrNames ?? null)}\u0000${types}`;
}

function immediateType(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields = value as Record<string, unknown>;
  // The parsers read `attrType` as a type of their own making.
  if (fields.attrType != null) return undefined;
  return TYPE_ORDER.find((type) => fields[type] != null) ?? 'none';
}

function keysOf(record: AttributeValues | Readonly<Record<string, string>> | undefined): Record<string, true> {
  const keys: Record<string, true> = {};
  for (const name of Object.keys(record ?? {})) keys[name] = true;
  return keys;
}

/** Whether the parse checked a value's content, not only its type. */
function dependsOnValueContent(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return node.some(dependsOnValueContent);
  const fields = node as Record<string, unknown>;
  if (fields.type === 'between') return true;
  if (fields.type === 'function' && fields.name === 'attribute_type') return true;
  return Object.values(fields).some(dependsOnValueContent);
}
