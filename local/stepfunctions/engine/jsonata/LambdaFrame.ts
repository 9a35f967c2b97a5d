import type { FastScope } from './compileFastJsonata';

/**
 * The variables of one call of a lambda the fast path compiled: its parameters over the scope it
 * was called in (a lambda is only called where it is bound, so that is the scope it closes over).
 * As in jsonata's frames, a parameter hides a variable or function of its name further out even
 * when it was given no value.
 */
export class LambdaFrame implements FastScope {
  public constructor(
    private readonly outer: FastScope,
    private readonly names: readonly string[],
    private readonly values: readonly unknown[],
  ) {}

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
