/**
 * The parts of an Amazon States Language definition the graph draws. Deliberately loose: the
 * console must draw whatever definition an execution ran, so unknown fields are kept and only
 * the shape of the flow (StartAt, States, Next, Choices, Catch, Branches, ItemProcessor) is
 * checked.
 * @see https://states-language.net/spec.html
 */
export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
  readonly Comment?: string;
  readonly QueryLanguage?: string;
}

/** A sub-machine: a Parallel branch or a Map's ItemProcessor (Iterator in older definitions). */
export interface AslSubMachine {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
}

/** One rule of a Choice state: JSONata `Condition`, or a JSONPath comparison tree. */
export interface AslChoiceRule {
  readonly Next?: string;
  readonly Condition?: string;
  readonly Variable?: string;
  readonly And?: readonly AslChoiceRule[];
  readonly Or?: readonly AslChoiceRule[];
  readonly Not?: AslChoiceRule;
  readonly [operator: string]: unknown;
}

export interface AslCatcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
}

export interface AslRetrier {
  readonly ErrorEquals: readonly string[];
  readonly MaxAttempts?: number;
  readonly IntervalSeconds?: number;
  readonly BackoffRate?: number;
}

export interface AslState {
  readonly Type: string;
  readonly Comment?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Resource?: string;
  readonly Default?: string;
  readonly Choices?: readonly AslChoiceRule[];
  readonly Catch?: readonly AslCatcher[];
  readonly Retry?: readonly AslRetrier[];
  readonly Branches?: readonly AslSubMachine[];
  readonly ItemProcessor?: AslSubMachine;
  readonly Iterator?: AslSubMachine;
  readonly [field: string]: unknown;
}

/** Raised when the definition text is not a state machine the graph can draw. */
export class AslDefinitionError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AslDefinitionError';
  }
}

/** Parses an execution's definition (JSON text) and checks the shape of its flow. */
export function parseAslDefinition(text: string): AslDefinition {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AslDefinitionError('The definition is not JSON', { cause: error });
  }
  checkMachine(value, 'the definition');
  return value as AslDefinition;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkMachine(value: unknown, where: string): void {
  if (!isRecord(value)) throw new AslDefinitionError(`${where} is not an object`);
  if (typeof value.StartAt !== 'string') throw new AslDefinitionError(`${where} has no StartAt`);
  if (!isRecord(value.States)) throw new AslDefinitionError(`${where} has no States`);
  for (const [name, state] of Object.entries(value.States)) {
    if (!isRecord(state) || typeof state.Type !== 'string') throw new AslDefinitionError(`State ${name} has no Type`);
    if (Array.isArray(state.Branches)) state.Branches.forEach((branch, i) => checkMachine(branch, `branch ${i} of ${name}`));
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor !== undefined) checkMachine(processor, `the ItemProcessor of ${name}`);
    if (state.Choices !== undefined && !Array.isArray(state.Choices)) throw new AslDefinitionError(`Choices of ${name} is not a list`);
    if (state.Catch !== undefined && !Array.isArray(state.Catch)) throw new AslDefinitionError(`Catch of ${name} is not a list`);
  }
}

/** The sub-machines nested in a state: a Map's processor or a Parallel's branches. */
export function subMachinesOf(state: AslState): readonly AslSubMachine[] {
  if (state.Type === 'Parallel') return state.Branches ?? [];
  if (state.Type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    return processor === undefined ? [] : [processor];
  }
  return [];
}
