import type { ChoiceRule, ChoiceState } from '../../definition/types';
import { STATES_ERRORS, type StatesError } from '../../errors/StatesError';
import { evaluateJsonataExpression, evaluateJsonataTemplate, jsonataExpressionOf } from '../jsonata/evaluateJsonata';
import { applySelectPath, evaluatePayloadTemplate } from '../jsonpath/jsonPathSteps';
import { assignVariables, stateError, type StateInvocation } from '../StateInvocation';
import { effectiveInput, jsonPathOutput, stateOutput } from '../stateIO';
import type { StateAction, StepResult } from '../StepResult';
import { evaluateChoiceRule } from './evaluateChoiceRule';

/**
 * Choice: the first matching rule's Next, else Default, else States.NoChoiceMatched.
 * A matching rule's Assign/Output (JSONata) or Assign (JSONPath) apply instead of the state's.
 * A JSONPath Choice answers synchronously (no promise per transition).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 */
export const runChoice: StateAction<ChoiceState> = (inv, rawInput) => {
  if (inv.state.QueryLanguage === 'JSONata') return runJsonataChoice(inv, rawInput);
  const { state } = inv;
  const input = effectiveInput(inv, rawInput);
  for (const rule of state.Choices) {
    if (!evaluateChoiceRule(inv, rule, input)) continue;
    return { output: jsonPathRuleOutput(inv, rule, rawInput, input), next: rule.Next ?? '' };
  }
  if (state.Default !== undefined) return { output: jsonPathOutput(inv, rawInput, input, { hasResult: false }), next: state.Default };
  throw noChoiceMatched(inv, input);
};

async function runJsonataChoice(inv: StateInvocation & { readonly state: ChoiceState }, rawInput: unknown): Promise<StepResult> {
  const { state } = inv;
  for (const rule of state.Choices) {
    if (!(await matches(inv, rule, rawInput))) continue;
    const next = rule.Next ?? '';
    return { output: await ruleOutput(inv, rule, rawInput), next };
  }
  if (state.Default !== undefined) return { output: await stateOutput(inv, rawInput, rawInput, { hasResult: false }), next: state.Default };
  throw noChoiceMatched(inv, rawInput);
}

function noChoiceMatched(inv: StateInvocation, input: unknown): StatesError {
  return stateError(inv, STATES_ERRORS.NoChoiceMatched, `No Choice Rules matched the input: ${JSON.stringify(input)}`);
}

/** JSONPath: a matching rule's Assign applies instead of the state's. */
function jsonPathRuleOutput(inv: StateInvocation & { readonly state: ChoiceState }, rule: ChoiceRule, rawInput: unknown, input: unknown): unknown {
  const ruleAssign = rule.Assign as Record<string, unknown> | undefined;
  if (ruleAssign === undefined) return jsonPathOutput(inv, rawInput, input, { hasResult: false });
  const assignments = evaluatePayloadTemplate(inv, ruleAssign, input) as Record<string, unknown>;
  const output = applySelectPath(inv, inv.state.OutputPath, input);
  assignVariables(inv, assignments);
  return output;
}

async function matches(inv: StateInvocation, rule: ChoiceRule, rawInput: unknown): Promise<boolean> {
  const condition = rule.Condition;
  if (typeof condition === 'boolean') return condition;
  const expression = jsonataExpressionOf(condition);
  if (expression === undefined) return false;
  const value = await evaluateJsonataExpression(inv, expression, { input: rawInput }, 'Condition');
  if (typeof value !== 'boolean') {
    throw stateError(inv, STATES_ERRORS.QueryEvaluationError, `The JSONata expression '${expression}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${typeName(value)}' for value: ${JSON.stringify(value)}`);
  }
  return value;
}

/** JSONata: a matching rule's Assign and Output apply instead of the state's. */
async function ruleOutput(inv: StateInvocation & { readonly state: ChoiceState }, rule: ChoiceRule, rawInput: unknown): Promise<unknown> {
  const ruleAssign = rule.Assign as Record<string, unknown> | undefined;
  const binding = { input: rawInput };
  const assign = ruleAssign ?? inv.state.Assign;
  const assignments = assign === undefined ? undefined : ((await evaluateJsonataTemplate(inv, assign, binding, 'Assign')) as Record<string, unknown>);
  const outputTemplate = rule.Output ?? inv.state.Output;
  const output = outputTemplate === undefined ? rawInput : await evaluateJsonataTemplate(inv, outputTemplate, binding, 'Output');
  if (assignments !== undefined) assignVariables(inv, assignments);
  return output;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
