import type { InputTransformer, Target } from '@aws-sdk/client-eventbridge';
import type { EventBridgeEvent } from './EventBridgeEvent';
import { selectJsonPath } from './selectJsonPath';

/** The rule a target belongs to, for the predefined `aws.events.rule-*` variables. */
export interface TargetRuleInfo {
  readonly name: string;
  readonly arn: string;
}

/**
 * The text a target receives: its constant `Input`, the part of the event `InputPath` selects,
 * the `InputTransformer` output, or else the whole event as JSON.
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html
 */
export function renderTargetInput(target: Pick<Target, 'Input' | 'InputPath' | 'InputTransformer'>, event: EventBridgeEvent, rule: TargetRuleInfo, ingestedAt: number): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(selectJsonPath(event, target.InputPath) ?? null);
  if (target.InputTransformer !== undefined) return renderInputTransformer(target.InputTransformer, event, rule, ingestedAt);
  return JSON.stringify(event);
}

const PLACEHOLDER = /^<([A-Za-z0-9_.\-]+)>/;

/**
 * Fills an InputTemplate: in a JSON template a placeholder outside quotes becomes the JSON value
 * and one inside a string the escaped text; in a plain-text template values go in as text.
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html
 */
export function renderInputTransformer(transformer: InputTransformer, event: EventBridgeEvent, rule: TargetRuleInfo, ingestedAt: number): string {
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) values.set(name, selectJsonPath(event, path));
  const { detail: _detail, ...withoutDetail } = event;
  const raw = new Map<string, string>([
    ['aws.events.event', JSON.stringify(withoutDetail)],
    ['aws.events.event.json', JSON.stringify(event)],
  ]);
  values.set('aws.events.rule-arn', rule.arn);
  values.set('aws.events.rule-name', rule.name);
  values.set('aws.events.event.ingestion-time', new Date(ingestedAt).toISOString());
  const template = transformer.InputTemplate ?? '';
  const jsonTemplate = /^\s*[{["]/.test(template);
  let output = '';
  let inString = false;
  for (let i = 0; i < template.length; ) {
    const char = template[i] as string;
    if (jsonTemplate && char === '\\' && inString) {
      output += template.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (jsonTemplate && char === '"') inString = !inString;
    const placeholder = char === '<' ? PLACEHOLDER.exec(template.slice(i)) : null;
    const name = placeholder?.[1];
    if (placeholder !== null && name !== undefined && (values.has(name) || raw.has(name))) {
      output += substitute(values.get(name), raw.get(name), jsonTemplate, inString);
      i += placeholder[0].length;
      continue;
    }
    output += char;
    i += 1;
  }
  return output;
}

function substitute(value: unknown, rawJson: string | undefined, jsonTemplate: boolean, inString: boolean): string {
  if (rawJson !== undefined) return rawJson;
  if (!jsonTemplate) return typeof value === 'string' ? value : JSON.stringify(value ?? null);
  if (inString) {
    const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
    return JSON.stringify(text).slice(1, -1);
  }
  return JSON.stringify(value ?? null);
}
