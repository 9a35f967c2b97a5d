import type { FastScope } from './compileFastJsonata';

/**
 * The variables a block binds (`($rows := ...; $count($rows))`), in order: a name is the block's
 * from its binding on (before it, the name is the scope's further out), and then hides what is
 * further out even when its value is undefined, as jsonata's frames do.
 */
export class BlockFrame implements FastScope {
  private readonly values: unknown[] = [];

  public constructor(
    private readonly outer: FastScope,
    private readonly names: readonly string[],
  ) {}

  /** Binds the next name of the block to `value`. */
  public bind(value: unknown): void {
    this.values.push(value);
  }

  public states(field: string): unknown {
    return this.outer.states(field);
  }

  public has(name: string): boolean {
    return this.boundAt(name) >= 0 || this.outer.has(name);
  }

  public variable(name: string): unknown {
    const index = this.boundAt(name);
    return index < 0 ? this.outer.variable(name) : this.values[index];
  }

  private boundAt(name: string): number {
    const index = this.names.indexOf(name);
    return index < this.values.length ? index : -1;
  }
}
