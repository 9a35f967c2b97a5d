import type jsonata from 'jsonata';
import { BlockFrame } from './BlockFrame';
import { BAIL, fastFunction, jsonataBoolean, jsonataEquals, jsonataText, member } from './fastJsonataFunctions';
import { filterSequence, unwrap, walk, type Filter, type PathStep } from './fastSequences';
import { ItemScope } from './ItemScope';
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
 * The names blocks bind around a node: a lambda it may call where it is bound; in a lambda's body,
 * a lambda bound before it in the same block (a sibling, run over the scope both were bound in);
 * or a name it may not use (the lambda itself, lambdas from beyond its body's block, and every
 * lambda inside a block binding values), so that a lambda always runs over the scope it closes over.
 */
type Lambdas = ReadonlyMap<string, CompiledLambda | SiblingLambda | 'opaque'>;
const NO_LAMBDAS: Lambdas = new Map();

/**
 * Compiles the shapes our workflows are made of — `$states.input.a.b`, `$var.x` (mapping over
 * arrays on the way), filters by index or by predicate (`$x[status.S = "on" and $t in tags]`),
 * literals, object and array constructors, `&`, arithmetic, comparisons, `and`/`or`, `in`, `? :`,
 * and a few pure built-ins — into a synchronous function, or undefined when the expression has
 * anything else. The function answers only where its answer is certainly jsonata's (no nested
 * arrays on a path, numbers on both sides of `+`, ...); elsewhere it throws {@link BAIL} and the caller
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
  const filters = compileFilters(predicate, lambdas);
  const program = compileBare(bare as Node, lambdas);
  return (scope) => unwrap(filterSequence(program(scope), filters, scope));
}

/**
 * The filters (`[...]`) of an expression or a path step: a literal number is an index (jsonata
 * rounds it down), any other expression a predicate evaluated with each item as its context.
 */
function compileFilters(filters: unknown, lambdas: Lambdas): Filter[] {
  if (!Array.isArray(filters) || filters.length === 0) throw new Unsupported();
  return (filters as Node[]).map((filter) => {
    const expr = filter.expr as Node | undefined;
    if ((filter.type as string) !== 'filter' || expr === undefined || !Object.keys(filter).every((key) => FILTER_KEYS.has(key))) throw new Unsupported();
    if (expr.type !== 'number') return { predicate: compile(expr, lambdas) };
    if (typeof expr.value !== 'number' || !Number.isFinite(expr.value)) throw new Unsupported();
    return { index: Math.floor(expr.value) };
  });
}

const FILTER_KEYS = new Set(['type', 'expr', 'position']);

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

/**
 * A path of member steps (`.name`, each with its filters) from `$states.<field>`, a variable, a
 * function's answer, or (in a filter's predicate) the item being filtered: `status.S`. Over
 * arrays it maps and flattens as jsonata does ({@link walk}).
 */
const OBJECT_STEP_KEYS = new Set(['type', 'value', 'lhs', 'position']);

function isMemberOnly(step: PathStep): boolean {
  return step.filters.length === 0 && step.build === undefined;
}

/**
 * `root.a.b` with plain member steps (the most common path): down objects in a tight loop, handing
 * over to {@link walk} from the step that meets an array. The root's value is the first step's
 * answer: nothing when undefined, kept whole when an array ends the path.
 */
function memberPath(root: FastProgram, steps: readonly PathStep[]): FastProgram {
  if (!steps.every(isMemberOnly)) {
    return (scope) => {
      const value = root(scope);
      return value === undefined ? undefined : walk(value, steps, scope);
    };
  }
  const names = steps.map((step) => step.name);
  return (scope) => {
    let value = root(scope);
    for (let i = 0; i < names.length; i++) {
      if (value === undefined) return undefined;
      if (Array.isArray(value)) return walk(value, steps, scope, i);
      value = member(value, names[i] as string);
    }
    return value;
  };
}

function compilePath(node: Node, lambdas: Lambdas): FastProgram {
  const steps = node.steps as Node[] | undefined;
  if (steps === undefined || steps.length === 0 || !Object.keys(node).every((key) => key === 'type' || key === 'steps' || key === 'position')) throw new Unsupported();
  const [first, ...rest] = steps as [Node, ...Node[]];
  if (first.type === 'name') {
    // Relative to the context: only a predicate's item is one (jsonata's own context is undefined here).
    const relative = steps.map((step) => memberStep(step, lambdas));
    return (scope) => {
      if (!(scope instanceof ItemScope)) throw BAIL;
      return walk(scope.item, relative, scope);
    };
  }
  if (rest.length === 0) throw new Unsupported();
  const members = rest.map((step) => memberStep(step, lambdas));
  if (first.type === 'variable' && first.value === 'states') {
    const field = rest[0] as Node;
    if (!STATES_FIELDS.has(field.value as string) || !isSimple(first)) throw new Unsupported();
    const [fieldStep, ...after] = members as [PathStep, ...PathStep[]];
    // `$states` is one object whose members are the fields: its field step reads the scope.
    const { name } = fieldStep;
    if (fieldStep.filters.length === 0) return memberPath((scope) => scope.states(name), after);
    const states: PathStep[] = [{ ...fieldStep, states: true }, ...after];
    return (scope) => walk(undefined, states, scope);
  }
  if (first.type !== 'variable' && first.type !== 'function') throw new Unsupported();
  const root = compile(first, lambdas);
  if (first.type === 'function')
    // A function's answer (`$parse(...)[0].x`) is walked from one value; an array there is jsonata's.
    return (scope) => {
      const value = root(scope);
      if (Array.isArray(value)) throw BAIL;
      return value === undefined ? undefined : walk(value, members, scope);
    };
  // A variable's value is the path's first sequence (its items when it is an array; none when undefined).
  return memberPath(root, members);
}

/**
 * A step down a path: a member's name and its filters (`[0]`, `[status = "x"]`) if it has any,
 * or (after the first step) an object built from each item, `.{"empresa": empresaId}`, or a
 * built-in called with each item as the context, `.$lookup($recorded, empresaId)`.
 */
function memberStep(step: Node, lambdas: Lambdas): PathStep {
  const name = step.value;
  if ((step.type as string) === 'unary' && name === '{' && Object.keys(step).every((key) => OBJECT_STEP_KEYS.has(key)))
    return { name: '', states: false, build: compileObject(step.lhs as unknown as [Node, Node][], lambdas), filters: [] };
  if (step.type === 'function') {
    // A built-in called per item (`$companies.$lookup($recorded, empresaId)`); a lambda's answer may be a sequence, left to jsonata.
    const procedure = step.procedure as Node | undefined;
    if (typeof procedure?.value !== 'string' || lambdas.has(procedure.value)) throw new Unsupported();
    return { name: '', states: false, build: compile(step, lambdas), filters: [] };
  }
  if (step.type !== 'name' || typeof name !== 'string') throw new Unsupported();
  if (isSimple(step)) return { name, states: false, build: undefined, filters: [] };
  const { stages, ...bare } = step;
  if (!isSimple(bare as Node)) throw new Unsupported();
  return { name, states: false, build: undefined, filters: compileFilters(stages, lambdas) };
}

function compileBinary(node: Node, lambdas: Lambdas): FastProgram {
  const op = node.value as string;
  const left = compile(node.lhs as Node, lambdas);
  const right = compile(node.rhs as Node, lambdas);
  if (op === '&') return (scope) => concatText(left(scope)) + concatText(right(scope));
  if (op === 'and') return (scope) => jsonataBoolean(left(scope)) && jsonataBoolean(right(scope));
  if (op === 'or') return (scope) => jsonataBoolean(left(scope)) || jsonataBoolean(right(scope));
  if (op === 'in') return (scope) => includes(left(scope), right(scope));
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

/**
 * `a in b`: whether `b` (a value, or a sequence of them) has an item identical to `a`, as jsonata
 * compares (`===`). An object or array on the left compares by identity there, left to jsonata.
 */
function includes(value: unknown, within: unknown): boolean {
  if (value === undefined || within === undefined) return false;
  if (typeof value === 'object' && value !== null) throw BAIL;
  return Array.isArray(within) ? (within as unknown[]).some((item) => item === value) : within === value;
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
  return (scope) => (jsonataBoolean(condition(scope)) ? then(scope) : otherwise?.(scope));
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
 * calls them (a helper written once for the members of a list), or `($rows := expr; ...; expr)`
 * binding values only ({@link compileValueBlock}). A block binding both is jsonata's.
 */
function compileBlock(node: Node, lambdas: Lambdas): FastProgram {
  const expressions = node.expressions as Node[] | undefined;
  if (expressions === undefined || expressions.length === 0) throw new Unsupported();
  const bindings = expressions.slice(0, -1);
  const body = expressions[expressions.length - 1] as Node;
  if (bindings.length > 0 && bindings.every((binding) => (binding.type as string) === 'bind' && (binding.rhs as Node | undefined)?.type !== 'lambda'))
    return compileValueBlock(bindings, body, lambdas);
  const inBlock = new Map(lambdas);
  for (const expression of bindings) {
    const [name, lambda] = compileLambdaBinding(expression, inBlock);
    inBlock.set(name, lambda);
  }
  return compile(body, inBlock);
}

/**
 * `($rows := expr; ...; body)`: a block binding values (no lambda), each in turn in the block's
 * frame, seen by the bindings after it and the body. A name bound twice, or also a lambda's
 * around it, and a call in it of a lambda bound around it, are jsonata's.
 */
function compileValueBlock(bindings: readonly Node[], body: Node, outerLambdas: Lambdas): FastProgram {
  // A lambda bound outside runs over the scope the call is made in; inside this block that scope
  // is the block's frame, whose values the lambda must not see (it closes over where it is bound).
  const lambdas: Lambdas = new Map([...outerLambdas.keys()].map((name) => [name, 'opaque']));
  const names: string[] = [];
  const values = bindings.map((binding) => {
    const target = binding.lhs as Node | undefined;
    const name = target?.value;
    if (target?.type !== 'variable' || !isSimple(target) || typeof name !== 'string' || name === '' || name === 'states' || lambdas.has(name) || names.includes(name)) {
      throw new Unsupported();
    }
    names.push(name);
    return compile(binding.rhs as Node, lambdas);
  });
  const result = compile(body, lambdas);
  return (scope) => {
    const frame = new BlockFrame(scope, names);
    for (const value of values) frame.bind(value(frame));
    return result(frame);
  };
}

/** `$name := function($a, $b) { body }`, no signature; its body may call the lambdas bound before it in its block, not itself. */
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
  // The lambdas compiled so far around it (this block's, and outer blocks' up to the nearest lambda
  // body: all bound in the scope its frame's enclosing scope is) it may call; those beyond a lambda
  // body (already opaque) and itself it may not.
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
