import type jsonata from 'jsonata';
import { BAIL, fastFunction, isPlainObject, jsonataEquals, jsonataText } from './fastJsonataFunctions';
import { LambdaFrame } from './LambdaFrame';

/** What a fast program reads: the `$states` fields and the workflow variables. */
export interface FastScope {
  /** `$states.input`, `.result`, `.errorOutput` or `.context` (undefined when not bound). */
  states(field: string): unknown;
  /** Whether a workflow variable `name` is bound: it then shadows a JSONata function of that name. */
  has(name: string): boolean;
  /** The workflow variable `name`; throws {@link BAIL} when none is bound. */
  variable(name: string): unknown;
}

/** A compiled expression: its value, or {@link BAIL} thrown when jsonata must evaluate it. */
export type FastProgram = (scope: FastScope) => unknown;

type Node = jsonata.ExprNode & Readonly<Record<string, unknown>>;

const STATES_FIELDS = new Set(['input', 'result', 'errorOutput', 'context']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const COMPARISON = new Set(['<', '<=', '>', '>=']);
/** The only members a plain node of each kind has; any other (a predicate, a focus, a group) leaves the fast path. */
const SIMPLE_KEYS = new Set(['type', 'value', 'position']);

/**
 * What jsonata hangs on a node beyond its kind: a group-by, focus and index bindings, tuples, kept
 * singletons, parent lookups, a path step's filters. The fast path takes none of them, except an
 * index filter (`[0]`) on an expression or a path step.
 */
const DECORATIONS = ['group', 'focus', 'index', 'tuple', 'keepArray', 'keepSingletonArray', 'ancestor', 'seekingParent', 'stages'];

class Unsupported extends Error {}

/** A lambda bound in a block (`$f := function($a, $b) { ... }`), compiled. */
interface CompiledLambda {
  readonly params: readonly string[];
  readonly body: FastProgram;
}

/** A lambda bound before this one in the same block, as its body sees it: callable, over the scope both were bound in. */
interface SiblingLambda {
  readonly sibling: CompiledLambda;
}

/**
 * The names blocks bind around a node: a lambda it may call, or (in a lambda's body, for the
 * lambdas bound beside it) a name it may not use, so that a lambda only ever runs where it is
 * bound and closes over the scope it is called in.
 */
type Lambdas = ReadonlyMap<string, CompiledLambda | SiblingLambda | 'opaque'>;
const NO_LAMBDAS: Lambdas = new Map();

/**
 * Compiles the shapes our workflows are made of — `$states.input.a.b`, `$var.x`, literals, object
 * and array constructors, `&`, arithmetic, comparisons, `and`/`or`, `? :`, and a few pure
 * built-ins — into a synchronous function, or undefined when the expression has anything else.
 * The function answers only where its answer is certainly jsonata's (objects all the way down a
 * path, numbers on both sides of `+`, ...); elsewhere it throws {@link BAIL} and the caller
 * evaluates the expression with jsonata, which also gives every error its AWS text. This saves
 * the general evaluator's promise per node and the bindings object built per evaluation.
 * @see https://docs.jsonata.org/path-operators
 */
export function compileFastJsonata(ast: jsonata.ExprNode): FastProgram | undefined {
  try {
    return compile(ast as Node, NO_LAMBDAS);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function compile(node: Node, lambdas: Lambdas): FastProgram {
  if (DECORATIONS.some((key) => Object.hasOwn(node, key))) throw new Unsupported();
  if (!Object.hasOwn(node, 'predicate')) return compileBare(node, lambdas);
  const { predicate, ...bare } = node;
  const index = indexFilter(predicate);
  const program = compileBare(bare as Node, lambdas);
  return (scope) => pick(program(scope), index);
}

/**
 * The index of a single `[n]` filter (jsonata rounds `n` down); anything else (a condition, two
 * filters) is jsonata's.
 */
function indexFilter(filters: unknown): number {
  if (!Array.isArray(filters) || filters.length !== 1) throw new Unsupported();
  const [filter] = filters as [Node];
  const expr = filter.expr as Node | undefined;
  if ((filter.type as string) !== 'filter' || expr?.type !== 'number' || typeof expr.value !== 'number' || !Number.isFinite(expr.value)) throw new Unsupported();
  return Math.floor(expr.value);
}

/**
 * `value[index]` as jsonata filters by number: a value that is not an array is a sequence of one,
 * a negative index counts from the end, and past either end there is nothing. An item that is an
 * array itself jsonata splices into the result, which is left to it.
 */
function pick(value: unknown, index: number): unknown {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  const item = items[index < 0 ? items.length + index : index];
  if (Array.isArray(item)) throw BAIL;
  return item;
}

function compileBare(node: Node, lambdas: Lambdas): FastProgram {
  switch (node.type as string) {
    case 'string':
    case 'number':
    case 'value': {
      const { value } = node as { value: unknown };
      return () => value;
    }
    case 'variable':
      return compileVariable(node, lambdas);
    case 'path':
      return compilePath(node, lambdas);
    case 'binary':
      return compileBinary(node, lambdas);
    case 'condition':
      return compileCondition(node, lambdas);
    case 'unary':
      return compileUnary(node, lambdas);
    case 'function':
      return compileFunction(node, lambdas);
    case 'block':
      return compileBlock(node, lambdas);
    default:
      throw new Unsupported();
  }
}

function isSimple(node: Node): boolean {
  return Object.keys(node).every((key) => SIMPLE_KEYS.has(key));
}

function compileVariable(node: Node, lambdas: Lambdas): FastProgram {
  const name = node.value as unknown;
  // `$` and `$$` are the (absent) context; `$states` alone is rare enough to leave to jsonata; a lambda as a value is jsonata's.
  if (typeof name !== 'string' || name === '' || name === '$' || name === 'states' || !isSimple(node) || lambdas.has(name)) throw new Unsupported();
  return (scope) => scope.variable(name);
}

function compilePath(node: Node, lambdas: Lambdas): FastProgram {
  const steps = node.steps as Node[] | undefined;
  if (steps === undefined || steps.length < 2 || !Object.keys(node).every((key) => key === 'type' || key === 'steps' || key === 'position')) throw new Unsupported();
  const [first, ...rest] = steps as [Node, ...Node[]];
  const names = rest.map(nameStep);
  if (first.type === 'variable' && first.value === 'states') {
    const field = names.shift();
    if (field === undefined || !STATES_FIELDS.has(field.name) || !isSimple(first)) throw new Unsupported();
    const { name, index } = field;
    if (index === undefined) return (scope) => navigate(scope.states(name), names);
    return (scope) => navigate(pick(scope.states(name), index), names);
  }
  // A function's answer (`$parse(...)[0].x`) is walked like a variable's.
  if (first.type !== 'variable' && first.type !== 'function') throw new Unsupported();
  const root = compile(first, lambdas);
  return (scope) => navigate(root(scope), names);
}

/** A step down a path: a member's name, and the index of its `[n]` filter if it has one. */
interface NameStep {
  readonly name: string;
  readonly index?: number;
}

function nameStep(step: Node): NameStep {
  if (step.type !== 'name' || typeof step.value !== 'string') throw new Unsupported();
  if (isSimple(step)) return { name: step.value };
  const { stages, ...bare } = step;
  if (!isSimple(bare as Node)) throw new Unsupported();
  return { name: step.value, index: indexFilter(stages) };
}

/** Down a path through objects; an array on the way maps over its items in JSONata, which the fast path leaves to it. */
function navigate(start: unknown, steps: readonly NameStep[]): unknown {
  let value = start;
  for (const { name, index } of steps) {
    if (Array.isArray(value)) throw BAIL;
    if (!isPlainObject(value)) return undefined;
    if (!Object.hasOwn(value, name)) {
      if (name in value) throw BAIL;
      return undefined;
    }
    value = index === undefined ? value[name] : pick(value[name], index);
  }
  return value;
}

function compileBinary(node: Node, lambdas: Lambdas): FastProgram {
  const op = node.value as string;
  const left = compile(node.lhs as Node, lambdas);
  const right = compile(node.rhs as Node, lambdas);
  if (op === '&') return (scope) => concatText(left(scope)) + concatText(right(scope));
  if (op === 'and') return (scope) => truth(left(scope)) && truth(right(scope));
  if (op === 'or') return (scope) => truth(left(scope)) || truth(right(scope));
  if (op === '=' || op === '!=') {
    const equal = op === '=';
    return (scope) => {
      const a = left(scope);
      const b = right(scope);
      return a === undefined || b === undefined ? false : jsonataEquals(a, b) === equal;
    };
  }
  if (ARITHMETIC.has(op)) return (scope) => arithmetic(op, left(scope), right(scope));
  if (COMPARISON.has(op)) return (scope) => compare(op, left(scope), right(scope));
  throw new Unsupported();
}

function concatText(value: unknown): string {
  return value === undefined ? '' : jsonataText(value);
}

/** A condition's truth, JSONata's `$boolean` cast for the primitives (arrays and objects it leaves to jsonata). */
function truth(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0;
  throw BAIL;
}

function arithmetic(op: string, a: unknown, b: unknown): number | undefined {
  if ((a !== undefined && typeof a !== 'number') || (b !== undefined && typeof b !== 'number')) throw BAIL;
  if (a === undefined || b === undefined) return undefined;
  const result = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
  if (!Number.isFinite(result)) throw BAIL;
  return result;
}

function compare(op: string, a: unknown, b: unknown): boolean | undefined {
  const comparable = (value: unknown): boolean => value === undefined || typeof value === 'string' || typeof value === 'number';
  if (!comparable(a) || !comparable(b)) throw BAIL;
  if (a === undefined || b === undefined) return undefined;
  if (typeof a !== typeof b) throw BAIL;
  const [x, y] = [a as string | number, b as string | number];
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

function compileCondition(node: Node, lambdas: Lambdas): FastProgram {
  const condition = compile(node.condition as Node, lambdas);
  const then = compile(node.then as Node, lambdas);
  const otherwise = node.else === undefined ? undefined : compile(node.else as Node, lambdas);
  return (scope) => (truth(condition(scope)) ? then(scope) : otherwise?.(scope));
}

function compileUnary(node: Node, lambdas: Lambdas): FastProgram {
  if (node.value === '-') {
    const operand = compile(node.expression as Node, lambdas);
    return (scope) => {
      const value = operand(scope);
      if (value !== undefined && typeof value !== 'number') throw BAIL;
      return value === undefined ? undefined : -value;
    };
  }
  if (node.value === '[' && !Object.hasOwn(node, 'consarray')) return compileArray(node.expressions as Node[], lambdas);
  if (node.value === '{') return compileObject(node.lhs as unknown as [Node, Node][], lambdas);
  throw new Unsupported();
}

/** `[a, b]`: an item that is an array is spliced in unless written as an array constructor itself, as jsonata does. */
function compileArray(expressions: readonly Node[], lambdas: Lambdas): FastProgram {
  const items = expressions.map((item) => ({ nested: item.value === '[', program: compile(item, lambdas) }));
  return (scope) => {
    const out: unknown[] = [];
    for (const { nested, program } of items) {
      const value = program(scope);
      if (value === undefined) continue;
      if (!nested && Array.isArray(value)) out.push(...(value as unknown[]));
      else out.push(value);
    }
    return out;
  };
}

/** `{'key': value}` with literal keys written once (a repeated key is jsonata's D1009); an undefined value leaves its key out. */
function compileObject(pairs: readonly [Node, Node][], lambdas: Lambdas): FastProgram {
  const keys = new Set<string>();
  const members = pairs.map(([keyNode, valueNode]) => {
    if (keyNode.type !== 'string' || typeof keyNode.value !== 'string' || keys.has(keyNode.value)) throw new Unsupported();
    keys.add(keyNode.value);
    return { key: keyNode.value, program: compile(valueNode, lambdas) };
  });
  return (scope) => {
    const out: Record<string, unknown> = {};
    for (const { key, program } of members) {
      const value = program(scope);
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
}

/**
 * `(expr)`, or `($f := function($a) { ... }; ...; expr)`: a block that binds lambdas and then
 * calls them (a helper written once for the members of a list). A block binding anything else is
 * jsonata's.
 */
function compileBlock(node: Node, lambdas: Lambdas): FastProgram {
  const expressions = node.expressions as Node[] | undefined;
  if (expressions === undefined || expressions.length === 0) throw new Unsupported();
  const inBlock = new Map(lambdas);
  for (const expression of expressions.slice(0, -1)) {
    const [name, lambda] = compileLambdaBinding(expression, inBlock);
    inBlock.set(name, lambda);
  }
  return compile(expressions[expressions.length - 1] as Node, inBlock);
}

/** `$name := function($a, $b) { body }`, no signature; its body may not use the lambdas bound beside it, itself included. */
function compileLambdaBinding(node: Node, lambdas: Lambdas): [string, CompiledLambda] {
  const target = node.lhs as Node | undefined;
  const lambda = node.rhs as Node | undefined;
  const name = target?.value;
  if ((node.type as string) !== 'bind' || target?.type !== 'variable' || !isSimple(target) || typeof name !== 'string' || name === '' || name === 'states') throw new Unsupported();
  if (lambda?.type !== 'lambda' || lambda.signature !== undefined || !Object.keys(lambda).every((key) => LAMBDA_KEYS.has(key))) throw new Unsupported();
  const params = (lambda.arguments as Node[]).map((param) => {
    if (param.type !== 'variable' || !isSimple(param) || typeof param.value !== 'string' || param.value === '' || param.value === 'states') throw new Unsupported();
    return param.value;
  });
  // The lambdas bound before it in this block it may call (bound in the same scope); those of outer
  // blocks, bound in a scope its frame no longer reaches in one step, and itself, it may not.
  const inBody = new Map<string, CompiledLambda | SiblingLambda | 'opaque'>([...lambdas].map(([bound, lambda]) => [bound, isCompiledLambda(lambda) ? { sibling: lambda } : 'opaque']));
  inBody.set(name, 'opaque');
  // A parameter of a bound lambda's name: given no value, jsonata would find the lambda behind it.
  if (params.some((param) => inBody.has(param)) || new Set(params).size !== params.length) throw new Unsupported();
  return [name, { params, body: compile(lambda.body as Node, inBody) }];
}

function isCompiledLambda(lambda: CompiledLambda | SiblingLambda | 'opaque'): lambda is CompiledLambda {
  return typeof lambda === 'object' && 'body' in lambda;
}

/** A lambda node with these members only: no signature (`<s:s>`), no thunk (a tail call jsonata optimises). */
const LAMBDA_KEYS = new Set(['type', 'arguments', 'signature', 'body', 'position']);

/**
 * A call of a lambda the block bound, with as many arguments as it has parameters. A sibling's
 * body runs over the scope it was bound in (the caller's frame's enclosing scope), not over the
 * caller's parameters: jsonata's lambdas close over where they are defined.
 */
function compileLambdaCall(lambda: CompiledLambda | SiblingLambda | 'opaque', args: readonly Node[], lambdas: Lambdas): FastProgram {
  if (lambda === 'opaque') throw new Unsupported();
  const { params, body } = isCompiledLambda(lambda) ? lambda : lambda.sibling;
  if (args.length !== params.length) throw new Unsupported();
  const programs = args.map((arg) => compile(arg, lambdas));
  const values = (scope: FastScope): unknown[] => programs.map((program) => program(scope));
  if (isCompiledLambda(lambda)) return (scope) => body(new LambdaFrame(scope, params, values(scope)));
  return (scope) => {
    if (!(scope instanceof LambdaFrame)) throw BAIL;
    return body(new LambdaFrame(scope.enclosing, params, values(scope)));
  };
}

function compileFunction(node: Node, lambdas: Lambdas): FastProgram {
  const procedure = node.procedure as Node | undefined;
  const args = node.arguments as Node[] | undefined;
  if (procedure?.type !== 'variable' || typeof procedure.value !== 'string' || !isSimple(procedure) || args === undefined) throw new Unsupported();
  const name = procedure.value;
  const lambda = lambdas.get(name);
  if (lambda !== undefined) return compileLambdaCall(lambda, args, lambdas);
  const call = fastFunction(name, args.length);
  if (call === undefined) throw new Unsupported();
  const programs = args.map((arg, index) => (name === 'contains' && index === 1 && (arg.type as string) === 'regex' ? compileRegex(arg) : compile(arg, lambdas)));
  return (scope) => {
    // A workflow variable of the function's name is what jsonata would call.
    if (scope.has(name)) throw BAIL;
    return call(programs.map((program) => program(scope)));
  };
}

/** A regex literal, as `$contains` matches it: anywhere in the text, without the state a global flag keeps. */
function compileRegex(node: Node): FastProgram {
  const literal = node.value as unknown;
  if (!(literal instanceof RegExp)) throw new Unsupported();
  const regex = new RegExp(literal.source, literal.flags.replace(/[gy]/g, ''));
  return () => regex;
}
