import type { ChoiceRule, ChoiceState } from '../../definition/types';
import { STATES_ERRORS } from '../../errors/StatesError';
import { evaluateJsonataExpression, evaluateJsonataTemplate, jsonataExpressionOf } from '../jsonata/evaluateJsonata';
import { applySelectPath, evaluatePayloadTemplate } from '../jsonpath/jsonPathSteps';
import { assignVariables, stateError, type StateInvocation } from '../StateInvocation';
import { effectiveInput, stateOutput } from '../stateIO';
import type { StateAction } from '../StepResult';
import { evaluateChoiceRule } from './evaluateChoiceRule';

/**
 * Choice: the first matching rule's Next, else Default, else States.NoChoiceMatched.
 * A matching rule's Assign/Output (JSONata) or Assign (JSONPath) apply instead of the state's.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 */
export const runChoice: StateAction<ChoiceState> = async (inv, rawInput) => {
  const { state } = inv;
  const input = effectiveInput(inv, rawInput);
  for (const rule of state.Choices) {
    if (!(await matches(inv, rule, rawInput, input))) continue;
    const next = rule.Next ?? '';
    return { output: await ruleOutput(inv, rule, rawInput, input), next };
  }
  if (state.Default !== undefined) return { output: await stateOutput(inv, rawInput, input, { hasResult: false }), next: state.Default };
  throw stateError(inv, STATES_ERRORS.NoChoiceMatched, `No Choice Rules matched the input: ${JSON.stringify(input)}`);
};

async function matches(inv: StateInvocation, rule: ChoiceRule, rawInput: unknown, input: unknown): Promise<boolean> {
  if (inv.state.QueryLanguage !== 'JSONata') return evaluateChoiceRule(inv, rule, input);
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

async function ruleOutput(inv: StateInvocation & { readonly state: ChoiceState }, rule: ChoiceRule, rawInput: unknown, input: unknown): Promise<unknown> {
  const ruleAssign = rule.Assign as Record<string, unknown> | undefined;
  if (inv.state.QueryLanguage === 'JSONata') {
    const binding = { input: rawInput };
    const assign = ruleAssign ?? inv.state.Assign;
    const assignments = assign === undefined ? undefined : ((await evaluateJsonataTemplate(inv, assign, binding, 'Assign')) as Record<string, unknown>);
    const outputTemplate = rule.Output ?? inv.state.Output;
    const output = outputTemplate === undefined ? rawInput : await evaluateJsonataTemplate(inv, outputTemplate, binding, 'Output');
    if (assignments !== undefined) assignVariables(inv, assignments);
    return output;
  }
  if (ruleAssign === undefined) return stateOutput(inv, rawInput, input, { hasResult: false });
  const assignments = evaluatePayloadTemplate(inv, ruleAssign, input) as Record<string, unknown>;
  const output = applySelectPath(inv, inv.state.OutputPath, input);
  assignVariables(inv, assignments);
  return output;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
