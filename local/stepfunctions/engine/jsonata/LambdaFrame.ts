import type { FastScope } from './compileFastJsonata';

/**
 * The variables of one call of a lambda the fast path compiled: its parameters over the scope it
 * was bound in, which it closes over (called where it is bound, that is the caller's scope, as no
 * call inside a block binding values is compiled; called from a sibling's body, the sibling's
 * `enclosing` scope).
 * As in jsonata's frames, a parameter hides a variable or function of its name further out even
 * when it was given no value.
 */
export class LambdaFrame implements FastScope {
  public constructor(
    private readonly outer: FastScope,
    private readonly names: readonly string[],
    private readonly values: readonly unknown[],
  ) {}

  /** The scope the lambda was bound in. */
  public get enclosing(): FastScope {
    return this.outer;
  }

  public states(field: string): unknown {
    return this.outer.states(field);
  }

  public has(name: string): boolean {
    return this.names.includes(name) || this.outer.has(name);
  }

  public variable(name: string): unknown {
    const index = this.names.indexOf(name);
    return index < 0 ? this.outer.variable(name) : this.values[index];
  }
}
