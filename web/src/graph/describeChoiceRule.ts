import type { AslChoiceRule } from './aslDefinition';

const OPERATORS: ReadonlyArray<readonly [RegExp, string]> = [
  [/GreaterThanEquals(Path)?$/, '>='],
  [/LessThanEquals(Path)?$/, '<='],
  [/GreaterThan(Path)?$/, '>'],
  [/LessThan(Path)?$/, '<'],
  [/Equals(Path)?$/, '=='],
  [/^StringMatches$/, 'matches'],
];

/**
 * A one-line reading of a Choice rule: the JSONata condition without its `{% %}`, or the
 * JSONPath comparison (`$.status == "ok"`), for the label of its edge.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 */
export function describeChoiceRule(rule: AslChoiceRule, position: number): string {
  if (typeof rule.Condition === 'string') return stripJsonata(rule.Condition);
  return describeComparison(rule) ?? `Rule #${position}`;
}

function stripJsonata(condition: string): string {
  const match = /^\s*\{%([\s\S]*)%\}\s*$/.exec(condition);
  return (match?.[1] ?? condition).replace(/\s+/g, ' ').trim();
}

function describeComparison(rule: AslChoiceRule): string | undefined {
  if (Array.isArray(rule.And)) return rule.And.map((r) => describeComparison(r) ?? '…').join(' and ');
  if (Array.isArray(rule.Or)) return rule.Or.map((r) => describeComparison(r) ?? '…').join(' or ');
  if (rule.Not !== undefined) return `not (${describeComparison(rule.Not) ?? '…'})`;
  if (typeof rule.Variable !== 'string') return undefined;
  const operator = Object.keys(rule).find((key) => key !== 'Variable' && key !== 'Next' && key !== 'Assign' && key !== 'Comment');
  if (operator === undefined) return rule.Variable;
  const value = rule[operator];
  if (operator.startsWith('Is')) return `${rule.Variable} ${value === false ? 'not ' : ''}${operator.slice(2).toLowerCase()}`;
  const symbol = OPERATORS.find(([pattern]) => pattern.test(operator))?.[1] ?? operator;
  return `${rule.Variable} ${symbol} ${JSON.stringify(value)}`;
}

/** Cuts a label to `max` characters with an ellipsis (at a word end when one is near), keeping labels on one short line. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
