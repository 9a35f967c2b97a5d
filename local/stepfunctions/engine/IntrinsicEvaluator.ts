/** Resolves the paths an intrinsic's arguments name (`$.a`, `$$.Execution.Id`, `$var.x`). */
export interface IntrinsicScope {
  /** The value at the path, or undefined when it matches nothing; `$`, `$$` and `$var` give the whole document. */
  resolvePath(path: string): unknown;
  random?(): number;
}

/**
 * Evaluates one `States.*` intrinsic call; throws StatesError (`States.IntrinsicFailure`, ...).
 * The implementation lives in `../intrinsics/evaluateIntrinsic.ts`.
 */
export type IntrinsicEvaluator = (expression: string, scope: IntrinsicScope) => unknown;
