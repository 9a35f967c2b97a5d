import type { PathResult } from './jsonpath/evaluateJsonPath';

/**
 * Workflow variables (`Assign`). A Parallel branch or Map iteration gets a child scope: it reads
 * the variables of its parents and its own assignments stay inside it.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 */
export class VariableScope {
  private readonly values = new Map<string, unknown>();

  public constructor(private readonly parent?: VariableScope) {}

  public get(name: string): PathResult {
    if (this.values.has(name)) return { found: true, value: this.values.get(name) };
    return this.parent?.get(name) ?? { found: false };
  }

  /** Every variable visible here (the innermost wins), for JSONata bindings. */
  public all(): Record<string, unknown> {
    const out = this.parent?.all() ?? {};
    for (const [k, v] of this.values) out[k] = v;
    return out;
  }

  /** Sets all assignments at once: AWS evaluates every value of an Assign before any is stored. */
  public assignAll(values: Readonly<Record<string, unknown>>): void {
    for (const [k, v] of Object.entries(values)) this.values.set(k, v);
  }

  /** The variables assigned in this scope itself (not its parents'), or undefined when none. */
  public own(): Record<string, unknown> | undefined {
    if (this.values.size === 0) return undefined;
    return Object.fromEntries(this.values);
  }

  public child(): VariableScope {
    return new VariableScope(this);
  }

  public get size(): number {
    return this.values.size + (this.parent?.size ?? 0);
  }
}
