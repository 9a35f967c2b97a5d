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
  // Arrays a path maps over: of objects, with missing and null members, non-object items, nested arrays.
  rows: [{ outcome: 'created', n: 1, tags: ['x', 'y'] }, { outcome: 'failed', n: 2, tags: [] }, { outcome: 'created', n: 3, tags: 'z', error: null }],
  oneRow: [{ outcome: 'created', n: 1, tags: ['x'] }],
  mixed: ['text', 7, null, true, { outcome: 'created', tags: ['w'] }, { n: 0 }],
  withArrays: [{ outcome: 'created' }, [{ outcome: 'created' }]],
  nestedTags: [{ tags: [['a'], 'b'] }, { tags: ['c'] }],
  deep: [{ a: { b: [{ c: 1 }, { c: 2 }] } }, { a: { b: { c: 3 } } }, { a: null }],
  Items: [
    { id: { S: 'e1' }, status: { S: 'enabled' }, events: { L: [{ S: 'invoice.issued' }, { S: 'invoice.failed' }] } },
    { id: { S: 'e2' }, status: { S: 'disabled' }, events: { L: [{ S: 'invoice.issued' }] } },
    { id: { S: 'e3' }, status: { S: 'enabled' }, events: { L: [{ S: 'invoice.cancelled' }] } },
    { id: { S: 'e4' }, status: { S: 'enabled' }, events: { L: [] } },
    { id: { S: 'e5' }, status: { S: 'enabled' }, events: { L: [{ S: 'invoice.issued' }] } },
    { id: { S: 'e6' }, status: { S: 'enabled' } },
    { status: { S: 'enabled' }, events: { L: [{ S: 'invoice.issued' }] } },
  ],
};
const VARIABLES: Record<string, unknown> = {
  invoice: { id: 'INV-1', total: '61.00' },
  quantity: 3,
  list: ['a', 'b'],
  flag: true,
  type: 'invoice.issued',
  results: [{ outcome: 'invoiced', empresaId: 1 }, { outcome: 'failed', empresaId: 2, error: { code: 'X' } }, { outcome: 'invoiced', empresaId: 3 }, 'not an object', null],
  none: [],
  recorded: { '1': { status: 'invoiced', empresa_id: '1' }, '2': { status: 'failed', empresa_id: '2', error_code: 'E', error_message: 'm' } },
  companies: [{ empresaId: '1' }, { empresaId: '2' }, { empresaId: '3' }],
};
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
  // Paths that map over arrays: jsonata's sequences (one item → the item, none → nothing, several → an array), flattening array members one level.
  '$states.input.items.sku', '$states.input.items.qty', '$states.input.rows.outcome', '$states.input.rows.tags', '$states.input.oneRow.tags', '$states.input.oneRow.outcome',
  '$states.input.rows.error', '$states.input.rows.missing', '$states.input.empty.sku', '$states.input.single.x', '$states.input.mixed.outcome', '$states.input.mixed.n', '$states.input.rows.tags.x',
  '$states.input.deep.a.b.c', '$states.input.deep.a', '$states.input.items.sku.x', '$list.x', '$results.outcome', '$results.error.code', '$none.x', '$states.input.Items.id.S',
  '$states.input.Items.events.L.S', '$states.input.rows[1].tags', '$states.input.rows[2].tags', '$states.input.rows.tags[0]', '$states.input.rows[-1]',
  // Filters with a predicate, the item as its context.
  '$states.input.items[sku = "A"]', '$states.input.items[qty > 1]', '$states.input.items[qty > 5]', '$states.input.items[qty >= 1].sku', '$states.input.rows[outcome = "created"]',
  '$states.input.rows[outcome = "created"].n', '$states.input.rows[outcome != "created"]', '$states.input.rows[outcome = "created" and n > 1].n', '$states.input.rows[n = 1 or n = 3].outcome',
  '$states.input.rows[error = null]', '$states.input.mixed[outcome]', '$states.input.rows[missing]', '$states.input.rows[outcome]', '$states.input.rows[outcome = "nope"]', '$states.input.oneRow[outcome = "created"]',
  '$states.input.empty[outcome = "created"]', '$states.input.missing[outcome = "created"]', '$states.input.nothing[outcome = "created"]', '$states.input.obj[e = 1]', '$states.input.obj[e = 2]',
  '$states.input.mixed[outcome = "created"]', '$states.input.mixed[n = 0]', '$states.input.single[$flag]', '$states.input.items[$flag]', '$states.input.items[$states.input.no]',
  '$states.input.rows[n]', '$states.input.rows[n - 3]', '$states.input.rows[$quantity - 2]', '$states.input.items[$states.input.zero]', '$states.input.rows[outcome = "created"][1]',
  '$states.input.rows[1][outcome = "failed"]', '$states.input.rows[0][outcome = "failed"]', '$states.input.deep[a.b.c = 2]', '$states.input.deep[a.b.c = 3].a', '$states.input.deep.a[b.c = 2]',
  '$states.input.rows[outcome = "created"].tags', '$states.input.rows[tags = "z"].tags', '$states.input.rows[$type in tags]', '$states.input.rows["x" in tags].n', '$states.input.rows["y" in tags]',
  '$states.input.items[sku in ["A", "C"]].qty', '$states.input.items[qty in [1]]', '$states.input.items[missing in [1]]', '$states.input.Items[$type in events.L.S].id.S',
  '$results[outcome = "invoiced"]', '$results[outcome = "failed"].error', '$results[outcome = "nope"]', '$none[outcome = "x"]', '$list[0]', '$states.input.items[$states.input.missing]',
  '$count($results[outcome = "invoiced"])', '$count($results[outcome = "failed"])', '$count($results[outcome = "nope"])', '$count($states.input.rows[outcome = "created"])', '$quantity + $count($states.input.rows[n > 1])',
  '$exists($results[outcome = "nope"])', '$exists($states.input.rows[n = 2])', '$count($states.input.rows.tags)', '$count($states.input.Items[status.S = "enabled"])',
  '[$states.input.Items[status.S = "enabled" and $type in events.L.S].id.S]', '[$states.input.Items[status.S = "nope" and $type in events.L.S].id.S]', '[$states.input.rows[n = 2].outcome]',
  '[$states.input.Items[status.S = "disabled"].id.S]', '$states.input.Items[status.S = "enabled" and $type in events.L.S].id.S',
  '$companies[$lookup($recorded, empresaId).status in ["invoiced", "failed"]].empresaId',
  '$count($companies[$lookup($recorded, empresaId).status in ["invoiced", "skipped", "failed"]]) = $count($companies)', '$count($results[$lookup($recorded, "1").status in ["invoiced", "skipped"]])',
  // An object built from each item of a path (`.{...}`), the item as the context of its values.
  '$results[outcome = "failed"].{"empresa": empresaId, "error": error}', '[$results[outcome = "failed"].{"empresa": empresaId, "error": error}]', '[$results[outcome = "nope"].{"e": empresaId}]',
  '$results.{"e": empresaId}', '$states.input.rows.{"o": outcome, "t": tags, "k": "const"}', '$states.input.obj.{"e": e, "f": deep.f}', '$states.input.mixed.{"o": outcome}', '$invoice.{"id": id}',
  '$states.input.oneRow.{"t": tags}', '$states.input.empty.{"t": tags}', '$states.input.missing.{"t": tags}', '$states.input.rows[n > 1].{"n": n}.n', '$count($states.input.rows.{"n": n})',
  '{"competencia": $invoice.id, "companies": $count($results), "invoiced": $count($results[outcome = "invoiced"]), "skipped": $count($results[outcome = "skipped"]), '
    + '"failed": [$results[outcome = "failed"].{"empresa": empresaId, "error": error}]}',
  // A built-in called per item of a path, the item as its context; blocks binding values.
  '$states.input.items.$string(sku)', '$companies.$lookup($recorded, empresaId)', '$companies.$lookup($recorded, empresaId).status', '$states.input.rows.$count(tags)',
  '$states.input.mixed.$exists(outcome)', '$none.$exists(outcome)', '$states.input.oneRow.$lookup($recorded, outcome)',
  '($a := 1; $a + 1)', '($x := 1; $x)', '($a := 1; $b := $a + 1; $b * 2)', '($quantity := $states.input.missing; $exists($quantity))', '($string := 1; $string)',
  '($a := $quantity; ($a := 2; $a) + $a)', '($rows := $states.input.rows[outcome = "created"]; $count($rows) & " " & $rows[0].outcome)',
  '( $rows := $companies.$lookup($recorded, empresaId); {"competencia": $invoice.id, "companies": $count($rows), "invoiced": $count($rows[status = "invoiced"]), '
    + '"skipped": $count($rows[status = "skipped"]), "failed": [$rows[status = "failed"].{"empresa": empresa_id, "error": {"code": error_code, "message": error_message}}]} )',
  // The `in` operator: a value or a sequence on the right.
  "$states.input.customer in ['x', 'ACME Ltda']", '$states.input.amountCents in [1]', '$states.input.amountCents in 150000', '$states.input.missing in [1]', '1 in $states.input.missing',
  "'A' in $states.input.items.sku", "'C' in $states.input.items.sku", 'null in [null]', '$states.input.nothing in $states.input.rows.error', '$invoice.id in $list', "$not($states.input.no) and 'b' in $list",
];

// Each leaves the fast path (no program, or BAIL at run time), so jsonata answers it, errors included.
const GENERAL = [
 '$states', '$', '$$.a', 'a.b', '$undefinedVariable', '$states.input.constructor',
  "'x' & $states.input.rate", '$string($states.input.rate)', '$string($states.input.big)', '$states.input.customer + 1', '1 + $states.input.customer',
  '$states.input.amountCents / $states.input.zero', "$states.input.customer < 1", '$states.input.obj < 1', '$states.input.obj and true', '$states.input.items ? 1 : 2',
  "{'k': 1, 'k': 2}", "$merge([$states.input.obj, [$states.input.obj]])", '$merge($states.input.obj)', "$split($states.input.missing, ',')", "$split('a', '')",
  '$uppercase()', '$uuid()', "$now('[Y]')", "$contains($states.input.amountCents, 'x')", '$not($states.input.customer)', '$string()',
  '-$states.input.customer',
  '($f := function($x) { $x }; $f)', '($f := function($x)<n:n> { $x }; $f(1))', '($f := function($x) { $string($x) }; $f(1))', '($f := function($x) { $x }; $f(1, 2))',
  '($f := function($n) { $n = 0 ? 1 : $f($n - 1) }; $f(2))',
  '($f := function($a) { $exists($a) }; $f(1))',
  // A lambda bound outside a value block, called inside it: it must not see the block's values (jsonata's closures).
  '($f := function($a) { $a & $quantity }; ($quantity := "B"; $f("x")))', '($r := 1; ($f := function() { $r }; ($r := 2; $f() + 0)))',
  '($f := function($x) { $x & $r }; ($r := "B"; ($g := function($y) { $f($y) & "" }; $g("a"))))',
  // A sibling called from a lambda bound inside a lambda's body: its frame is no longer one step away.
  '($f := function($x) { $x }; $g := function($y) { ($h := function($z) { $f($z) }; $h($y)) }; $g(1))',
  '$states.input.nested[0]', '$states.input.items{sku: qty}', '$states.input.items#$i[0]', '$states.input.items@$o[0]',
  '($f := function($string) { [$string("a")] }; $f($states.input.missing))',
  // Shapes left to jsonata: nested arrays on the way or in the answer, arrays as items of a filter, a predicate giving an array or an object, relative paths outside a predicate or in a lambda.
  '$states.input.withArrays.{"o": outcome}', '$states.input.withArrays.$exists(outcome)', '($a := 1; $a := 2; $a)', '($f := function($x) { $x }; $v := 1; $f($v))',
  '($f := function($x) { $x }; $states.input.items.$f(sku))', '($v := 1; $f := function($x) { $x }; $f($v))', '($string := 1; $string($quantity))', '$states.input.nested.{"a": 1}', '$states.input.items.{"a": $}', '{"a": sku}', '$states.input.items.{"a": sku, "a": qty}', '$states.input.nested.x', '$states.input.withArrays.outcome', '$states.input.withArrays[outcome = "created"]', '$states.input.withArrays[1]', '$states.input.nestedTags.tags', '$states.input.nested[0 = 0]', '$states.input.rows[tags]', '$states.input.rows[$list]',
  '$states.input.items[{"a": 1}]', '$states.input.items[$states.input.rate / $states.input.zero]', '$states.input.nested[[0]]',
  '$states.input.missing[true]', '$states.input.items[$].sku', '$states.input.obj in [$states.input.obj]', '$states.input.items[0] in $states.input.items',
  '$states.input.items.sku[]', '$states.input.items[sku = "A"][]', '[$states.input.items.sku][]', 'sku', '($f := function($x) { sku }; $states.input.items[$f(1) = "A"])',
  '$states.input.items.(sku)', '$states.input.items.*', '$states.input.items[sku = "A"].%', '$states.input.Items[status.S = "enabled"]{id.S: events}',

  "$lookup($states.input.items, 'sku')", "$lookup($states.input.obj, 'constructor')", "$lookup($states.input.customer, 'a')", '$sum([1, 2])', "$join([1, 2], ',')", "$parse('not json')", '$parse($states.input.amountCents)',
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

  it.each([
    ['no endpoints', []],
    ['one subscribed', [INPUT.Items[0]]],
    ['one not subscribed', [INPUT.Items[1]]],
    ['several', INPUT.Items],
    ['items that are not endpoints', ['text', 7, null, { id: { S: 'e9' } }, ...INPUT.Items]],
    ['no Items at all', undefined],
  ])('answers the fan-out\'s endpoint filter as jsonata does over %s', async (_label, items) => {
    const expression = '[$states.result.Items[status.S = "enabled" and $type in events.L.S].id.S]';
    const result = items === undefined ? {} : { Items: items, Count: Array.isArray(items) ? items.length : 0 };
    const within: FastScope = { ...scope, states: (field) => (field === 'result' ? result : scope.states(field)) };
    const general: unknown = await jsonata(expression).evaluate(undefined, { ...bindings, states: { ...bindings.states, result } });

    expect(fastAnswer(expression, within)).toEqual(JSON.parse(JSON.stringify(general)));
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
