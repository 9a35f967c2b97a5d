import type { State } from '../definition/types';
import { evaluateJsonataTemplate } from './jsonata/evaluateJsonata';
import { applyResultPath, applySelectPath, evaluatePayloadTemplate } from './jsonpath/jsonPathSteps';
import { assignVariables, type StateInvocation } from './StateInvocation';

/**
 * Input and output processing shared by the state actions, for both query languages.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */

/** The processing fields not every state type has (InputPath on Fail, ResultPath on Choice...). */
interface IoFields {
  readonly InputPath?: string | null;
  readonly ResultPath?: string | null;
  readonly Parameters?: unknown;
  readonly Arguments?: unknown;
  readonly ResultSelector?: unknown;
}

/** Named reads (not a keyed read by a variable key, which is slow on every transition). */
function io(state: State): IoFields {
  return state as unknown as IoFields;
}

/** JSONPath: the input after InputPath; JSONata: the raw input. */
export function effectiveInput(inv: StateInvocation, rawInput: unknown): unknown {
  if (inv.state.QueryLanguage === 'JSONata') return rawInput;
  return applySelectPath(inv, io(inv.state).InputPath, rawInput);
}

/** Parameters (JSONPath, applied to the effective input) or Arguments (JSONata); the input when neither is set. */
export async function taskParameters(inv: StateInvocation, rawInput: unknown, input: unknown): Promise<unknown> {
  if (inv.state.QueryLanguage === 'JSONata') {
    const args = io(inv.state).Arguments;
    return args === undefined ? rawInput : evaluateJsonataTemplate(inv, args, { input: rawInput }, 'Arguments');
  }
  const parameters = io(inv.state).Parameters;
  return parameters === undefined ? input : evaluatePayloadTemplate(inv, parameters, input);
}

/** ResultSelector of a JSONPath Task, Parallel or Map. */
export function selectResult(inv: StateInvocation, result: unknown): unknown {
  if (inv.state.QueryLanguage === 'JSONata') return result;
  const selector = io(inv.state).ResultSelector;
  return selector === undefined ? result : evaluatePayloadTemplate(inv, selector, result);
}

/**
 * The state output from its result: JSONPath Assign, ResultPath and OutputPath; JSONata Assign
 * and Output. Variables are assigned after both are evaluated, as AWS does.
 */
/** Shared default options: no object is allocated per transition. */
const DEFAULT_OPTIONS: { readonly hasResult?: boolean } = Object.freeze({});

export function stateOutput(inv: StateInvocation, rawInput: unknown, result: unknown, options: { readonly hasResult?: boolean } = DEFAULT_OPTIONS): unknown {
  if (inv.state.QueryLanguage === 'JSONata') return jsonataOutput(inv, rawInput, result, options);
  return jsonPathOutput(inv, rawInput, result, options);
}

/** JSONata output processing (asynchronous: JSONata evaluation is). */
async function jsonataOutput(inv: StateInvocation, rawInput: unknown, result: unknown, options: { readonly hasResult?: boolean }): Promise<unknown> {
  const state = inv.state;
  {
    const binding = options.hasResult === false ? { input: rawInput } : { input: rawInput, result };
    const assignments = state.Assign === undefined ? undefined : ((await evaluateJsonataTemplate(inv, state.Assign, binding, 'Assign')) as Record<string, unknown>);
    const output = state.Output === undefined ? (options.hasResult === false ? rawInput : result) : await evaluateJsonataTemplate(inv, state.Output, binding, 'Output');
    if (assignments !== undefined) assignVariables(inv, assignments);
    return output;
  }
}

/** JSONPath output processing: synchronous, so a JSONPath state costs no promise. */
export function jsonPathOutput(inv: StateInvocation, rawInput: unknown, result: unknown, options: { readonly hasResult?: boolean } = DEFAULT_OPTIONS): unknown {
  const state = inv.state;
  const assignments = state.Assign === undefined ? undefined : (evaluatePayloadTemplate(inv, state.Assign, result) as Record<string, unknown>);
  const withResult = options.hasResult === false ? result : applyResultPath(inv, io(state).ResultPath, rawInput, result);
  const output = applySelectPath(inv, state.OutputPath, withResult);
  if (assignments !== undefined) assignVariables(inv, assignments);
  return output;
}
