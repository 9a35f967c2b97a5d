import type { IntrinsicNode, JsonValue } from './intrinsicAst';
import { invalidArguments } from './IntrinsicArgumentError';

/** The JSON types an intrinsic argument can be required to have. */
export const ARGUMENT_TYPES = ['any', 'string', 'number', 'boolean', 'array', 'object'] as const;
export type ArgumentType = (typeof ARGUMENT_TYPES)[number];

/**
 * How many arguments a function takes and of which types. `types[i]` types the i-th argument;
 * arguments past the end of `types` take `rest`.
 */
export interface ArgumentSpec {
  readonly min: number;
  /** @default min (a fixed count) */
  readonly max?: number;
  readonly types: readonly ArgumentType[];
  /** @default 'any' */
  readonly rest?: ArgumentType;
}

/** What a function sees besides its evaluated arguments. */
export interface IntrinsicCallContext {
  /** The argument nodes as written (States.Format reads a literal template's escapes). */
  readonly argNodes: readonly IntrinsicNode[];
  /** A number in [0, 1) (injected so tests can fix it). */
  random(): number;
  /** A random version 4 UUID (injected so tests can fix it). */
  randomUUID(): string;
}

/** One `States.*` function: its name, argument spec and body. */
export interface IntrinsicFunctionDefinition {
  readonly name: string;
  readonly spec: ArgumentSpec;
  /** Called with arguments that already match `spec`; throws `IntrinsicArgumentError`. */
  readonly evaluate: (args: readonly JsonValue[], context: IntrinsicCallContext) => JsonValue;
}

/** Throws AWS's `Invalid arguments in States.X` when the count or a type does not match. */
export function checkArguments(definition: IntrinsicFunctionDefinition, args: readonly JsonValue[]): void {
  const { spec } = definition;
  const max = spec.max ?? spec.min;
  if (args.length < spec.min || args.length > max) throw invalidArguments(definition.name);
  for (let i = 0; i < args.length; i++) {
    const type = i < spec.types.length ? spec.types[i] : (spec.rest ?? 'any');
    if (type !== undefined && !hasType(args[i] as JsonValue, type)) throw invalidArguments(definition.name);
  }
}

/** Whether a JSON value has the given argument type. */
export function hasType(value: JsonValue, type: ArgumentType): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default: {
      const never: never = type;
      return never;
    }
  }
}
