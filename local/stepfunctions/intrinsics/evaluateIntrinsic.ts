import { randomUUID as cryptoRandomUUID } from 'node:crypto';
import { STATES_ERRORS, StatesError } from '../errors/StatesError';
import { checkArguments, type IntrinsicCallContext } from './argumentSpec';
import { compileIntrinsic, type CompiledCall, type CompiledNode } from './compileIntrinsic';
import type { IntrinsicNode, JsonValue } from './intrinsicAst';
import { IntrinsicArgumentError, pathNotFound } from './IntrinsicArgumentError';
import { IntrinsicSyntaxError } from './IntrinsicSyntaxError';
import { renderJson } from './jsonValues';

/**
 * What an intrinsic reads from the running state. The engine owns JSONPath.
 */
export interface IntrinsicScope {
  /**
   * The value at `path` ('$.a.b', '$', '$$.Execution.Id', '$varName.x', '$.items[?(@.n > 1)]'),
   * or `undefined` when the path matches nothing (a missing key, an index past the end).
   * `resolvePath('$')`, `resolvePath('$$')` and `resolvePath('$varName')` must return the whole
   * document: the failure cause quotes it.
   */
  resolvePath(path: string): unknown;
  /** A number in [0, 1) for an unseeded `States.MathRandom`. @default Math.random */
  random?(): number;
  /** A version 4 UUID for `States.UUID`. @default crypto.randomUUID */
  randomUUID?(): string;
}

/**
 * Evaluates an intrinsic function call (`States.Format('{}', $.a)`) against a scope.
 *
 * Failures throw `StatesError` with error `States.Runtime` (which Retry and Catch never match,
 * not even `States.ALL`) and a cause of the form
 * `The function '<expression as written>' had the following error: <detail>`, where the detail is
 * `The JsonPath argument for the field '<path>' could not be found in the input '<compact JSON of
 * the document the path reads>'` or `Invalid arguments in States.<Name>`. The engine must put
 * AWS's state prefix in front: use `intrinsicFailureCause(stateName, enteredEventId, field, error)`,
 * which gives `An error occurred while executing the state '<state>' (entered at the event id
 * #<id of the *StateEntered event>). <cause>`. An expression that is not a valid call should have
 * been refused at CreateStateMachine (`isValidIntrinsicFunction`); if one still arrives here it
 * fails the same way, with the syntax problem as the detail.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
export function evaluateIntrinsic(expression: string, scope: IntrinsicScope): unknown {
  try {
    return evaluateCall(compileIntrinsic(expression), scope);
  } catch (error) {
    if (error instanceof IntrinsicArgumentError) throw functionError(expression, error.detail, error);
    if (error instanceof IntrinsicSyntaxError) throw functionError(expression, error.reason, error);
    throw error;
  }
}

/** Whether a string is written as an intrinsic call (`States.X(...)`); says nothing of validity. */
export function isIntrinsicFunction(value: string): boolean {
  return INTRINSIC_SHAPE.test(value);
}

/** Whether a string is a well-formed call of a known intrinsic (for definition validation). */
export function isValidIntrinsicFunction(value: string): boolean {
  return validateIntrinsic(value) === undefined;
}

/** Why a string is not a valid intrinsic call, or `undefined` when it is. */
export function validateIntrinsic(value: string): IntrinsicSyntaxError | undefined {
  try {
    compileIntrinsic(value);
    return undefined;
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) return error;
    throw error;
  }
}

const INTRINSIC_SHAPE = /^\s*States\.[A-Za-z0-9_]+\s*\([\s\S]*\)\s*$/;

function functionError(expression: string, detail: string, source: Error): StatesError {
  return new StatesError(STATES_ERRORS.Runtime, `The function '${expression}' had the following error: ${detail}`, { source });
}

function evaluateCall(call: CompiledCall, scope: IntrinsicScope): JsonValue {
  const args: JsonValue[] = new Array<JsonValue>(call.args.length);
  for (let i = 0; i < call.args.length; i++) args[i] = evaluateNode(call.args[i] as CompiledNode, scope);
  checkArguments(call.definition, args);
  return call.definition.evaluate(args, new CallContext(call.argNodes, scope));
}

/** Built per call, so it holds no closures: the random sources are read from the scope lazily. */
class CallContext implements IntrinsicCallContext {
  public constructor(
    public readonly argNodes: readonly IntrinsicNode[],
    private readonly scope: IntrinsicScope,
  ) {}

  public random(): number {
    return this.scope.random === undefined ? Math.random() : this.scope.random();
  }

  public randomUUID(): string {
    return this.scope.randomUUID === undefined ? cryptoRandomUUID() : this.scope.randomUUID();
  }
}

function evaluateNode(node: CompiledNode, scope: IntrinsicScope): JsonValue {
  switch (node.kind) {
    case 'value':
      return node.value;
    case 'call':
      return evaluateCall(node, scope);
    case 'path': {
      const value = scope.resolvePath(node.path);
      if (value === undefined) throw pathNotFound(node.path, renderJson(scope.resolvePath(node.root)));
      return value as JsonValue;
    }
    default: {
      const never: never = node;
      return never;
    }
  }
}

export { intrinsicFailureCause } from './intrinsicFailureCause';
