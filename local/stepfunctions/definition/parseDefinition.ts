import { InvalidDefinitionError } from '../errors/InvalidDefinitionError';
import { isValidIntrinsicFunction } from '../intrinsics/evaluateIntrinsic';
import { aslValidatorProblems, aslValidatorProblemsOffThread } from './aslValidator';
import { checkErrorHandling } from './checkErrorHandling';
import { parseRfc3339 } from './rfc3339';
import type { MapState, QueryLanguage, State, StateMachineDefinition, SubMachine } from './types';

type Json = Record<string, unknown>;

/**
 * Parses and validates a definition text into typed states, or throws
 * {@link InvalidDefinitionError} worded as AWS words it.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
 */
export function parseDefinition(text: string): StateMachineDefinition {
  const raw = definitionObject(text);
  return buildDefinition(text, raw, aslValidatorProblems(text, raw));
}

/**
 * {@link parseDefinition} with asl-validator run on a worker thread, for the API: a new
 * definition then never holds the event loop the running executions share.
 */
export async function parseDefinitionOffThread(text: string): Promise<StateMachineDefinition> {
  const raw = definitionObject(text);
  return buildDefinition(text, raw, await aslValidatorProblemsOffThread(text, raw));
}

function definitionObject(text: string): Json {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InvalidDefinitionError(`Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(error as Error).message}'`);
  }
  if (!isObject(raw)) throw InvalidDefinitionError.fromProblems(['SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at /']);
  return raw;
}

function buildDefinition(text: string, raw: Json, validatorProblems: readonly string[]): StateMachineDefinition {
  // Our own checks are worded as AWS words them; when they find something, the validator's
  // (often knock-on) complaints are left out.
  const problems: string[] = [];
  const topLanguage: QueryLanguage = raw.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  let machine: SubMachine | undefined;
  try {
    machine = buildMachine(raw, topLanguage, '', problems);
  } catch (error) {
    if (problems.length === 0) problems.push(`SCHEMA_VALIDATION_FAILED: ${(error as Error).message}`);
  }
  if (problems.length === 0) problems.push(...validatorProblems);
  if (problems.length > 0 || machine === undefined) throw InvalidDefinitionError.fromProblems(problems);
  return {
    ...machine,
    Comment: typeof raw.Comment === 'string' ? raw.Comment : undefined,
    TimeoutSeconds: typeof raw.TimeoutSeconds === 'number' ? raw.TimeoutSeconds : undefined,
    source: text,
  };
}

function buildMachine(raw: Json, inherited: QueryLanguage, at: string, problems: string[]): SubMachine {
  const language: QueryLanguage = raw.QueryLanguage === 'JSONata' ? 'JSONata' : raw.QueryLanguage === 'JSONPath' ? 'JSONPath' : inherited;
  const rawStates = isObject(raw.States) ? raw.States : {};
  if (typeof raw.StartAt !== 'string') throw new Error(`StartAt is required at ${at || '/'}`);
  const states = new Map<string, State>();
  for (const [name, value] of Object.entries(rawStates)) {
    if (!isObject(value)) continue;
    states.set(name, buildState(name, value, language, `${at}/States/${name}`, problems));
  }
  if (!states.has(raw.StartAt)) problems.push(`MISSING_TRANSITION_TARGET: Missing 'Next' target: ${raw.StartAt} at ${at || '/'}StartAt`);
  for (const state of states.values()) checkTransitions(state, states, `${at}/States/${state.Name}`, problems);
  return { StartAt: raw.StartAt, States: states, QueryLanguage: language };
}

function buildState(name: string, raw: Json, inherited: QueryLanguage, at: string, problems: string[]): State {
  const language: QueryLanguage = raw.QueryLanguage === 'JSONata' ? 'JSONata' : raw.QueryLanguage === 'JSONPath' ? 'JSONPath' : inherited;
  const base = { ...raw, Name: name, QueryLanguage: language };
  checkTemplates(raw, language, at, problems);
  if (raw.Type === 'Task' || raw.Type === 'Parallel' || raw.Type === 'Map') checkErrorHandling(raw, at, problems);
  switch (raw.Type) {
    case 'Parallel': {
      const branches = Array.isArray(raw.Branches) ? raw.Branches : [];
      return { ...base, Type: 'Parallel', Branches: branches.filter(isObject).map((b, i) => buildMachine(b, language, `${at}/Branches/${i}`, problems)) } as State;
    }
    case 'Map': {
      const processorRaw = isObject(raw.ItemProcessor) ? raw.ItemProcessor : isObject(raw.Iterator) ? raw.Iterator : { StartAt: '', States: {} };
      const config = isObject(processorRaw.ProcessorConfig) ? processorRaw.ProcessorConfig : {};
      const mode: MapState['ProcessorMode'] = config.Mode === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE';
      const processor = buildMachine(processorRaw, language, `${at}/ItemProcessor`, problems);
      const parametersAsSelector = raw.ItemSelector ?? raw.Parameters;
      return { ...base, Type: 'Map', Processor: processor, ProcessorMode: mode, ItemSelector: parametersAsSelector } as State;
    }
    case 'Wait':
      if (typeof raw.Timestamp === 'string' && !(language === 'JSONata' && /^\{%[\s\S]*%\}$/.test(raw.Timestamp)) && parseRfc3339(raw.Timestamp) === undefined) {
        problems.push(`SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at ${at}/Timestamp`);
      }
      return base as State;
    case 'Pass':
    case 'Task':
    case 'Choice':
    case 'Succeed':
    case 'Fail':
      return base as State;
    default:
      problems.push(`SCHEMA_VALIDATION_FAILED: /States/${name}/Type is invalid. must be equal to one of the allowed values`);
      return { ...base, Type: 'Pass' } as State;
  }
}

/** Fields holding a JSONPath payload template (`"key.$"` members are evaluated). */
const PAYLOAD_TEMPLATE_FIELDS = ['Parameters', 'ResultSelector', 'ItemSelector'] as const;

/**
 * The Assign blocks of a state, its Choice rules and its catchers must be objects (of any JSON
 * values); in a JSONPath state, they and the payload templates may only evaluate paths and
 * intrinsic functions.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 */
function checkTemplates(raw: Json, language: QueryLanguage, at: string, problems: string[]): void {
  const assigns: [unknown, string][] = [[raw.Assign, `${at}/Assign`]];
  if (Array.isArray(raw.Choices)) raw.Choices.forEach((rule: unknown, i) => isObject(rule) && assigns.push([rule.Assign, `${at}/Choices/${i}/Assign`]));
  if (Array.isArray(raw.Catch)) raw.Catch.forEach((catcher: unknown, i) => isObject(catcher) && assigns.push([catcher.Assign, `${at}/Catch/${i}/Assign`]));
  for (const [assign, where] of assigns) {
    if (assign === undefined) continue;
    if (!isObject(assign)) problems.push(`SCHEMA_VALIDATION_FAILED: The field 'Assign' must be a JSON object at ${where}`);
    else if (language === 'JSONPath') checkPayloadTemplate(assign, where, problems);
  }
  if (language === 'JSONPath') for (const field of PAYLOAD_TEMPLATE_FIELDS) checkPayloadTemplate(raw[field], `${at}/${field}`, problems);
}

/** Intrinsic arguments are single-quoted; AWS rejects `\"` inside them. */
function checkPayloadTemplate(template: unknown, at: string, problems: string[]): void {
  if (Array.isArray(template)) {
    template.forEach((item, i) => checkPayloadTemplate(item, `${at}[${i}]`, problems));
    return;
  }
  if (!isObject(template)) return;
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      const isPath = value.startsWith('$');
      const isIntrinsic = !isPath && isValidIntrinsicFunction(value);
      if (!isPath && !isIntrinsic) {
        problems.push(`SCHEMA_VALIDATION_FAILED: The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call at ${at}`);
      }
    } else {
      checkPayloadTemplate(value, at, problems);
    }
  }
}

function checkTransitions(state: State, states: ReadonlyMap<string, State>, at: string, problems: string[]): void {
  const targets: [string, unknown][] = [['Next', state.Next]];
  if (state.Type === 'Choice') {
    targets.push(['Default', state.Default]);
    state.Choices.forEach((c, i) => targets.push([`Choices/${i}/Next`, c.Next]));
  }
  if (state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map') {
    (state.Catch ?? []).forEach((c, i) => targets.push([`Catch/${i}/Next`, c.Next]));
  }
  for (const [field, target] of targets) {
    if (typeof target === 'string' && !states.has(target)) {
      problems.push(`MISSING_TRANSITION_TARGET: Missing 'Next' target: ${target} at ${at}/${field}`);
    }
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
