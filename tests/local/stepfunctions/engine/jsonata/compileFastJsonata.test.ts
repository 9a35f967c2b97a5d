import jsonata from 'jsonata';
import { compileFastJsonata, type FastScope } from '../../../../../local/stepfunctions/engine/jsonata/compileFastJsonata';
import { awsJsonataFunctions } from '../../../../../local/stepfunctions/engine/jsonata/awsJsonataFunctions';
import { BAIL } from '../../../../../local/stepfunctions/engine/jsonata/fastJsonataFunctions';

const INPUT = {
  invoiceId: 'INV-1',
  customer: 'ACME Ltda',
  amountCents: 150_000,
  rate: 1.5,
  zero: 0,
  items: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: 1 }],
  single: [5],
  nested: [[1, 2], [3]],
  empty: [],
  obj: { e: 1, deep: { f: 'x' } },
  nothing: null,
  yes: true,
  no: false,
  tags: 'nfse,sp,monthly',
  text: 'ação 😀',
  json: '{"a":1}',
  records: '[{"reserved":true,"short":"[]","list":[5]},{"reserved":false}]',
  big: 1e21,
};
const VARIABLES: Record<string, unknown> = { invoice: { id: 'INV-1', total: '61.00' }, quantity: 3, list: ['a', 'b'], flag: true };
const CONTEXT = { Execution: { Name: 'exec-1', Id: 'arn:exec' }, Task: { Token: 'tok' } };
const RESULT = { Payload: { body: { ok: true } } };

const scope: FastScope = {
  states: (field) => ({ input: INPUT, result: RESULT, errorOutput: undefined, context: CONTEXT })[field],
  has: (name) => Object.hasOwn(VARIABLES, name),
  variable: (name) => {
    if (!Object.hasOwn(VARIABLES, name)) throw BAIL;
    return VARIABLES[name];
  },
};
const bindings = { ...VARIABLES, ...awsJsonataFunctions(Math.random), states: { input: INPUT, result: RESULT, context: CONTEXT } };

/** jsonata's own answer, as the engine keeps it: a plain JSON value, or the error's code. */
async function jsonataAnswer(expression: string): Promise<unknown> {
  try {
    const value: unknown = await jsonata(expression).evaluate(undefined, bindings);
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  } catch (error) {
    return { error: (error as { code?: string }).code };
  }
}

function fastAnswer(expression: string, within: FastScope = scope): unknown {
  const program = compileFastJsonata(jsonata(expression).ast());
  if (program === undefined) return 'no fast program';
  try {
    return program(within);
  } catch (error) {
    if (error === BAIL) return BAIL;
    throw error;
  }
}

// Each is answered by the fast path, and its answer must be jsonata's.
const FAST = [
  '$states.input.invoiceId', '$states.input.obj.deep.f', '$states.input.missing', '$states.input.missing.deeper', '$states.input.nothing',
  '$states.input.nothing.q', '$states.input.customer.q', '$states.input.items', '$states.input.single', '$states.input.nested', '$states.input.empty',
  '$states.result.Payload.body', '$states.context.Execution.Name', '$states.context.Task.Token', '$states.errorOutput.Error', '$invoice.id', '$quantity',
  '$list', '$states.input', '$states.input.constructorx',
  "'literal'", '42', 'true', 'null',
  "'Invoice ' & $states.input.invoiceId & ' for ' & $states.input.customer", "'n=' & $states.input.amountCents", "'a' & $states.input.missing",
  "'b' & $states.input.yes", "'c' & $states.input.nothing", "'d' & $states.input.obj", "'e' & $states.input.items",
  '$states.input.amountCents - 500', '$states.input.amountCents * 2', '$states.input.amountCents / 4', '$states.input.amountCents % 7', '$states.input.rate + 1',
  '$states.input.missing + 1', '-$states.input.amountCents', '-$states.input.missing',
  '$states.input.amountCents > 100000', '$states.input.amountCents <= 1', "$states.input.customer < 'B'", '$states.input.missing < 1',
  "$states.input.invoiceId = 'INV-1'", '$states.input.obj = {"e": 1, "deep": {"f": "x"}}', '$states.input.single = [5]', '$states.input.missing = 1',
  '$states.input.missing != 1', "$states.input.invoiceId != 'x'", '$states.input.empty = []',
  '$states.input.yes and $states.input.no', '$states.input.no and $states.input.amountCents', '$states.input.yes or $states.input.amountCents',
  '$states.input.missing or $states.input.yes', '$states.input.amountCents > 100000 and $states.input.obj.e >= 1',
  "$states.input.yes ? 'y' : 'n'", "$states.input.missing ? 'y' : 'n'", "$states.input.no ? 'y'",
  "{'id': $states.input.invoiceId, 'gone': $states.input.missing, 'list': $states.input.single, 'o': {'k': [1, 2]}}",
  '[$states.input.obj, $states.input.items]', '[$states.input.obj, [$states.input.single]]', '[$states.input.missing]', '[[1], 2]', '[]',
  "$merge([$states.input, {'label': {'text': 'x'}}])", "$merge([$states.input.obj, $states.input.empty])", "$merge([$states.input.obj, {'gone': $states.input.missing}])",
  "$split($states.input.tags, ',')", "$split('', ',')", '$count($states.input.items)', '$count($states.input.missing)', '$count($states.input.obj)', '$count($states.input.single)',
  '$exists($states.input.missing)', '$exists($states.input.nothing)', '$string($states.input.obj)', '$string($states.input.amountCents)', '$string($states.input.yes)',
  '$string($states.input.nothing)', '$string($states.input.items)', "$contains($states.input.customer, /^ACME/)", "$contains($states.input.customer, /^acme/i)",
  "$contains($states.input.customer, 'Ltd')", '$length($states.input.text)', '$not($states.input.yes)', '$uppercase($states.input.text)', '$lowercase($states.input.customer)',
  "$join($list, '-')", '$join($list)', '$states.input.missing.items.sku', '$merge([{"a": 1}])', '$parse($states.input.json)', "$parse('[1, \"a\"]')",
  "($states.input.invoiceId)", "$states.input.customer ? 1 : 2", "'' ? 1 : 2", '$states.input.zero ? 1 : 2', '$states.input.nothing ? 1 : 2', "$states.input.customer and $states.input.amountCents",
  "$invoice.total ? {'S': $invoice.total} : ($quantity ? {'N': $string($quantity)} : {'NULL': true})",
  // A block binding lambdas, then calling them (ReportIssued's Data API parameters).
  '( $text := function($name, $value) { ($exists($value) and $value != null) ? {"Name": $name, "Value": {"StringValue": $string($value)}} : {"Name": $name, "Value": {"IsNull": true}} }; '
    + '[ $text("id", $invoice.id), $text("gone", $states.input.missing), $text("none", null), $text("n", $quantity), {"Name": "cents", "Value": {"LongValue": $states.input.amountCents}} ] )',
  '($double := function($x) { $x * 2 }; $double($quantity))',
  "($f := function($a) { $a & '!' }; $g := function($b) { $b & '?' }; $f($g('x')))",
  // A parameter given no value still hides the workflow variable, or the function, of its name.
  '($f := function($quantity) { $quantity }; $f($states.input.missing))',
  '($f := function($string) { $string }; $f($states.input.missing))',
  '($f := function($a) { $exists($a) ? 1 : 2 }; $f($states.input.missing))',
  "($f := function($a) { ($g := function($b) { $a & $b }; [$g('2')]) }; $f('1'))",
  '($string := function($x) { $x & "!" }; $string("a"))',
  "$lookup({'a': 1, 'b': {'c': 2}}, 'b')", "$lookup({'a': 1}, 'z')", "$lookup($states.input.obj, 'e')",
  // An index filter on a value or a path step (the saga reads its Data API records so).
  "$split($states.input.tags, ',')[1]", "$split($states.input.tags, ',')[-1]", "$split($states.input.tags, ',')[-4]", "$split($states.input.tags, ',')[7]",
  "$split($states.input.tags, ',')[1.9]", '$parse($states.input.records)[0].reserved', '$parse($states.input.records)[1].reserved', '$parse($states.input.records)[0].list',
  '$parse($states.input.records)[1].list', '$parse($parse($states.input.records)[0].short)', '$parse($states.input.json)[0].a', '$parse($states.input.json)[-1]', '$parse($states.input.json)[1]',
  '$states.input.items[0]', '$states.input.items[1].sku', '$states.input[0].customer', '$states.result[0].Payload', '$states.errorOutput[0]', '$states.input.items[-1].qty', '$states.input.obj[0].e', '$states.input.obj[1]', '$states.input.single[0]',
  '$states.input.empty[0]', '$states.input.missing[0]', '$states.input.nothing[0]', '$list[1]', "'abc'[0]", "'abc'[1]", '$merge([{"a": {"b": 1}}]).a.b',
  // A lambda calling one bound before it in the block, which sees the block's scope, not the caller's parameters (jsonata's closures).
  '($f := function($x) { $x }; $g := function($y) { $f($y) & "" }; $g(1))',
  '($f := function($x) { $quantity }; $g := function($quantity) { $f(1) & "" }; $g(99))',
  '( $present := function($value) { $exists($value) and $value != null }; '
    + '$text := function($name, $value) { $present($value) ? {"Name": $name, "Value": {"StringValue": $string($value)}} : {"Name": $name, "Value": {"IsNull": true}} }; '
    + '$long := function($name, $value) { $present($value) ? {"Name": $name, "Value": {"LongValue": $value}} : {"Name": $name, "Value": {"IsNull": true}} }; '
    + '[ $text("id", $invoice.id), $text("gone", $states.input.missing), $text("none", null), $text("items", $states.input.items), $long("n", $quantity), $long("x", $states.input.nothing) ] )',
];

// Each leaves the fast path (no program, or BAIL at run time), so jsonata answers it, errors included.
const GENERAL = [
 '$states.input.items.sku', '$states', '$', '$$.a', 'a.b', '$undefinedVariable', '$states.input.constructor',
  "'x' & $states.input.rate", '$string($states.input.rate)', '$string($states.input.big)', '$states.input.customer + 1', '1 + $states.input.customer',
  '$states.input.amountCents / $states.input.zero', "$states.input.customer < 1", '$states.input.obj < 1', '$states.input.obj and true', '$states.input.items ? 1 : 2',
  "{'k': 1, 'k': 2}", "$merge([$states.input.obj, [$states.input.obj]])", '$merge($states.input.obj)', "$split($states.input.missing, ',')", "$split('a', '')",
  '$uppercase()', '$uuid()', "$now('[Y]')", '($a := 1; $a + 1)', "$contains($states.input.amountCents, 'x')", '$not($states.input.customer)', '$string()',
  '-$states.input.customer', '($x := 1; $x)',
  '($f := function($x) { $x }; $f)', '($f := function($x)<n:n> { $x }; $f(1))', '($f := function($x) { $string($x) }; $f(1))', '($f := function($x) { $x }; $f(1, 2))',
  '($f := function($n) { $n = 0 ? 1 : $f($n - 1) }; $f(2))',
  '($f := function($a) { $exists($a) }; $f(1))',
  // A sibling called from a lambda bound inside a lambda's body: its frame is no longer one step away.
  '($f := function($x) { $x }; $g := function($y) { ($h := function($z) { $f($z) }; $h($y)) }; $g(1))',
  "$split($states.input.tags, ',')[$states.input.zero]", "$split($states.input.tags, ',')[0][0]", '$states.input.nested[0]', '$states.input.items{sku: qty}',
  '$states.input.items[0][0]', '$states.input.items[qty > 1]', '$states.input.items#$i[0]', '$states.input.items@$o[0]',
  '($f := function($string) { [$string("a")] }; $f($states.input.missing))',
  "$lookup($states.input.items, 'sku')", "$lookup($states.input.obj, 'constructor')", "$lookup($states.input.customer, 'a')", '$states.input.items[sku = "A"]', '$sum([1, 2])', "$join([1, 2], ',')", '$states.input.amountCents in [1]', "$parse('not json')", '$parse($states.input.amountCents)',
];

describe('the fast JSONata path', () => {
  it.each(FAST)('answers %s as jsonata does', async (expression) => {
    const fast = fastAnswer(expression);

    expect(fast).not.toBe('no fast program');
    expect(fast).not.toBe(BAIL);
    expect(fast).toEqual(await jsonataAnswer(expression));
  });

  it.each(GENERAL)('leaves %s to jsonata', (expression) => {
    expect(['no fast program', BAIL]).toContain(fastAnswer(expression));
  });

  it('answers $now() with the time of the evaluation as jsonata words it', async () => {
    const before = Date.now();
    const now = fastAnswer('$now()');

    expect(now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(String(now))).toBeGreaterThanOrEqual(before);
    expect(String(await jsonataAnswer('$now()'))).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('leaves a function to jsonata when a workflow variable has its name: jsonata calls the variable', () => {
    const shadowed: FastScope = { ...scope, has: (name) => name === 'merge' || scope.has(name) };

    expect(fastAnswer('$merge([{"a": 1}, {"b": 2}])', shadowed)).toBe(BAIL);
    expect(fastAnswer('$count($list)', shadowed)).toBe(2);
  });

  it('compiles every expression of the engine benchmark\'s JSONata machine', () => {
    const expressions = [
      "$split($states.input.tags, ',')",
      "$merge([$states.input, {'label': {'text': 'Invoice ' & $states.input.id & ' for ' & $states.input.customer}}])",
      "$merge([$states.input, {'itemCount': {'n': $count($states.input.items)}}])",
      '$states.input.amountCents > 100000 and $states.input.itemCount.n >= 1',
      "$merge([$states.input, {'discounted': {'value': $states.input.amountCents - 500}}])",
      "$contains($states.input.customer, /^ACME/)",
      "$merge([$states.input, {'serialized': {'json': $string($states.input.total)}}])",
      "$merge([$states.input, {'reparsed': {'back': $parse($states.input.serialized.json)}}])",
    ];

    expect(expressions.filter((expression) => compileFastJsonata(jsonata(expression).ast()) === undefined)).toEqual([]);
  });
});
