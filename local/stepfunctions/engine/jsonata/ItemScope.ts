import type { FastScope } from './compileFastJsonata';

/**
 * The scope of a filter's predicate: one item of the filtered sequence as the context its
 * relative paths (`status.S`, `outcome`) read, and the variables and `$states` of the scope
 * around the filter, as jsonata evaluates a predicate (the item as input, the same environment).
 */
export class ItemScope implements FastScope {
  public constructor(
    private readonly outer: FastScope,
    /** The item the predicate is evaluated against (undefined when the filter's input is). */
    public readonly item: unknown,
  ) {}

  public states(field: string): unknown {
    return this.outer.states(field);
  }

  public has(name: string): boolean {
    return this.outer.has(name);
  }

  public variable(name: string): unknown {
    return this.outer.variable(name);
  }
}
