/** An expression attribute value as a request carries it (`{ S: 'x' }`, `{ N: '1' }`, ...). */
export type AttributeValues = Readonly<Record<string, unknown>>;

/** Where a request's `:value` went in a parsed expression: filled in again from each request. */
class ValueSlot {
  public constructor(public readonly name: string) {}
}

/**
 * A parsed dynalite expression with its `:value`s taken out, so that one parse serves every
 * request with the same expression text, names and value types: {@link instantiate} puts each
 * request's own value objects back where the parser had put the first request's.
 *
 * dynalite's parsers put the value objects themselves into the tree (never copies or parts of
 * them) and its actions mutate the tree (`section.val = ...` in UpdateItem), so each request gets
 * a tree of its own, sharing nothing with the template or with other requests.
 */
export class ExpressionTemplate {
  private constructor(private readonly tree: unknown) {}

  /**
   * The template of a parse result whose values came from `values`; undefined when the result
   * holds something else of the request's values than a whole value (then it is not cached).
   */
  public static of(result: unknown, values: AttributeValues | undefined): ExpressionTemplate | undefined {
    const slots = new Map<object, ValueSlot>();
    const inside = new Set<object>();
    for (const [name, value] of Object.entries(values ?? {})) {
      if (typeof value !== 'object' || value === null || slots.has(value)) return undefined;
      slots.set(value, new ValueSlot(name));
      collectObjects(value, inside);
    }
    const tree = copy(result, new Map(), (node) => {
      const slot = slots.get(node);
      if (slot !== undefined) return slot;
      return inside.has(node) ? REFUSED : undefined;
    });
    return tree === REFUSED ? undefined : new ExpressionTemplate(tree);
  }

  /** A fresh tree for a request, holding its own value objects. */
  public instantiate(values: AttributeValues | undefined): unknown {
    return copy(this.tree, new Map(), (node) => (node instanceof ValueSlot ? values?.[node.name] : undefined));
  }
}

/** Marks a tree that cannot be a template. */
const REFUSED: unique symbol = Symbol('refused');

/**
 * Copies a tree of arrays and plain objects (keeping a null prototype, and nodes shared within
 * the tree shared in the copy); `replace` answers a node to put instead of an object.
 */
function copy(node: unknown, copies: Map<object, unknown>, replace: (node: object) => unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const replacement = replace(node);
  if (replacement !== undefined) return replacement;
  const done = copies.get(node);
  if (done !== undefined) return done;
  if (Array.isArray(node)) {
    const out: unknown[] = new Array<unknown>(node.length);
    copies.set(node, out);
    for (let i = 0; i < node.length; i += 1) {
      const item = copy(node[i], copies, replace);
      if (item === REFUSED) return REFUSED;
      out[i] = item;
    }
    return out;
  }
  const prototype: unknown = Object.getPrototypeOf(node);
  if (prototype !== null && prototype !== Object.prototype) return REFUSED;
  const out = Object.create(prototype as object | null) as Record<string, unknown>;
  copies.set(node, out);
  for (const [key, value] of Object.entries(node)) {
    const item = copy(value, copies, replace);
    if (item === REFUSED) return REFUSED;
    out[key] = item;
  }
  return out;
}

function collectObjects(node: unknown, into: Set<object>): void {
  if (typeof node !== 'object' || node === null || into.has(node)) return;
  into.add(node);
  for (const value of Object.values(node)) collectObjects(value, into);
}
