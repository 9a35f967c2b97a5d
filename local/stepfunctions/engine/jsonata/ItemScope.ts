import type { FastScope } from './compileFastJsonata';

/**
 * The scope of a filter's predicate, or of an object a path builds per item (`.{"e": empresaId}`):
 * one item of the sequence as the context its relative paths (`status.S`, `outcome`) read, and
 * the variables and `$states` of the scope around it, as jsonata evaluates them (the item as
 * input, the same environment).
 */
export class ItemScope implements FastScope {
  public constructor(
    private readonly outer: FastScope,
    /** The item read as the context (undefined when the filter's input is). */
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
