import type { IntrinsicScope } from '../../../../local/stepfunctions/intrinsics/evaluateIntrinsic';
import { evaluateIntrinsic } from '../../../../local/stepfunctions/intrinsics/evaluateIntrinsic';
import { StatesError } from '../../../../local/stepfunctions/errors/StatesError';

/** Documents a test scope reads: the state input (`$`), the context object (`$$`), variables. */
export interface TestDocuments {
  readonly input?: unknown;
  readonly context?: unknown;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly random?: () => number;
  readonly randomUUID?: () => string;
}

/**
 * A test-only scope with a tiny JSONPath: `.key`, `['key']` and `[n]` steps after `$`, `$$` or
 * `$name`; `undefined` when a step finds nothing, as the engine's resolver must answer.
 */
export function testScope(documents: TestDocuments = {}): IntrinsicScope {
  return {
    resolvePath(path: string): unknown {
      const root = /^(\$\$|\$[A-Za-z_][A-Za-z0-9_]*|\$)/.exec(path)?.[0] ?? '$';
      let current: unknown =
        root === '$' ? documents.input : root === '$$' ? documents.context : documents.variables?.[root.slice(1)];
      const steps = /\.([^.[\]]+)|\['([^']*)'\]|\[(\d+)\]/g;
      const rest = path.slice(root.length);
      let consumed = 0;
      for (let match = steps.exec(rest); match !== null; match = steps.exec(rest)) {
        if (match.index !== consumed) throw new Error(`test resolver cannot read ${path}`);
        consumed = match.index + match[0].length;
        const key = match[1] ?? match[2] ?? Number(match[3]);
        if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
        current = (current as Record<string | number, unknown>)[key];
      }
      if (consumed !== rest.length) throw new Error(`test resolver cannot read ${path}`);
      return current;
    },
    ...(documents.random === undefined ? {} : { random: documents.random }),
    ...(documents.randomUUID === undefined ? {} : { randomUUID: documents.randomUUID }),
  };
}

/** Evaluates an expression against a test scope. */
export function evaluate(expression: string, documents: TestDocuments = {}): unknown {
  return evaluateIntrinsic(expression, testScope(documents));
}

/** The StatesError an evaluation throws (fails the test when it throws nothing or something else). */
export function failureOf(expression: string, documents: TestDocuments = {}): StatesError {
  try {
    evaluateIntrinsic(expression, testScope(documents));
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error(`expected ${expression} to fail`);
}

/** AWS's cause text for invalid arguments of the whole expression. */
export function invalidArgumentsCause(expression: string, functionName: string): string {
  return `The function '${expression}' had the following error: Invalid arguments in ${functionName}`;
}
