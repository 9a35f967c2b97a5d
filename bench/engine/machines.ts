/**
 * The state machines of the engine benchmark, defined once and given as-is to both engines
 * (ours and aws-local-stepfunctions), with the inputs each execution receives.
 */

/** One benchmark workload: a definition, how many executions a run makes, their inputs. */
export interface Workload {
  readonly key: WorkloadKey;
  readonly title: string;
  readonly definition: Readonly<Record<string, unknown>>;
  /** States executed by one execution (one state executed = one transition). */
  readonly statesPerExecution: number;
  /** Executions in one measured run. */
  readonly executions: number;
  /** Whether aws-local-stepfunctions runs it too (it has no JSONata). */
  readonly compared: boolean;
  input(index: number): Readonly<Record<string, unknown>>;
}

export const WORKLOAD_KEYS = ['chain', 'jsonpath', 'jsonata'] as const;
export type WorkloadKey = (typeof WORKLOAD_KEYS)[number];

const CHAIN_LENGTH = 1000;

/** (a) 1,000 Pass states, each handing its input to the next. */
function passChain(): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < CHAIN_LENGTH; i++) {
    states[`Step${i}`] = i === CHAIN_LENGTH - 1 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `Step${i + 1}` };
  }
  return { Comment: '1,000-Pass-state chain', StartAt: 'Step0', States: states };
}

/** (b) Ten JSONPath states, all executed: Pass with paths and intrinsics, two Choices. */
const JSONPATH_MACHINE = {
  Comment: 'Ten-state JSONPath machine: Pass, Choice, intrinsics',
  StartAt: 'Normalize',
  States: {
    Normalize: {
      Type: 'Pass',
      Parameters: {
        'id.$': '$.invoiceId',
        'customer.$': '$.customer',
        'amountCents.$': '$.amountCents',
        'items.$': '$.items',
        'tags.$': "States.StringSplit($.tags, ',')",
      },
      Next: 'Label',
    },
    Label: { Type: 'Pass', Parameters: { 'text.$': "States.Format('Invoice {} for {}', $.id, $.customer)" }, ResultPath: '$.label', Next: 'CountItems' },
    CountItems: { Type: 'Pass', Parameters: { 'n.$': 'States.ArrayLength($.items)' }, ResultPath: '$.itemCount', Next: 'IsLarge' },
    IsLarge: {
      Type: 'Choice',
      Choices: [{ And: [{ Variable: '$.amountCents', NumericGreaterThan: 100000 }, { Variable: '$.itemCount.n', NumericGreaterThanEquals: 1 }], Next: 'Discount' }],
      Default: 'Total',
    },
    Discount: { Type: 'Pass', Parameters: { 'value.$': 'States.MathAdd($.amountCents, -500)' }, ResultPath: '$.discounted', Next: 'Total' },
    Total: { Type: 'Pass', Parameters: { 'cents.$': '$.discounted.value', currency: 'BRL' }, ResultPath: '$.total', Next: 'IsKnownCustomer' },
    IsKnownCustomer: {
      Type: 'Choice',
      Choices: [{ Variable: '$.customer', StringMatches: 'ACME*', Next: 'Serialize' }],
      Default: 'Serialize',
    },
    Serialize: { Type: 'Pass', Parameters: { 'json.$': 'States.JsonToString($.total)' }, ResultPath: '$.serialized', Next: 'Reparse' },
    Reparse: { Type: 'Pass', Parameters: { 'back.$': 'States.StringToJson($.serialized.json)' }, ResultPath: '$.reparsed', Next: 'Done' },
    Done: {
      Type: 'Pass',
      Parameters: { 'id.$': '$.id', 'label.$': '$.label.text', 'total.$': '$.reparsed.back', 'tags.$': '$.tags', 'items.$': '$.itemCount.n' },
      End: true,
    },
  },
} as const;

/** (c) The JSONata twin of (b): the same ten states and the same output. */
const JSONATA_MACHINE = {
  Comment: 'Ten-state JSONata machine, twin of the JSONPath one',
  QueryLanguage: 'JSONata',
  StartAt: 'Normalize',
  States: {
    Normalize: {
      Type: 'Pass',
      Output: {
        id: '{% $states.input.invoiceId %}',
        customer: '{% $states.input.customer %}',
        amountCents: '{% $states.input.amountCents %}',
        items: '{% $states.input.items %}',
        tags: "{% $split($states.input.tags, ',') %}",
      },
      Next: 'Label',
    },
    Label: { Type: 'Pass', Output: "{% $merge([$states.input, {'label': {'text': 'Invoice ' & $states.input.id & ' for ' & $states.input.customer}}]) %}", Next: 'CountItems' },
    CountItems: { Type: 'Pass', Output: "{% $merge([$states.input, {'itemCount': {'n': $count($states.input.items)}}]) %}", Next: 'IsLarge' },
    IsLarge: {
      Type: 'Choice',
      Choices: [{ Condition: '{% $states.input.amountCents > 100000 and $states.input.itemCount.n >= 1 %}', Next: 'Discount' }],
      Default: 'Total',
    },
    Discount: { Type: 'Pass', Output: "{% $merge([$states.input, {'discounted': {'value': $states.input.amountCents - 500}}]) %}", Next: 'Total' },
    Total: { Type: 'Pass', Output: "{% $merge([$states.input, {'total': {'cents': $states.input.discounted.value, 'currency': 'BRL'}}]) %}", Next: 'IsKnownCustomer' },
    IsKnownCustomer: {
      Type: 'Choice',
      Choices: [{ Condition: "{% $contains($states.input.customer, /^ACME/) %}", Next: 'Serialize' }],
      Default: 'Serialize',
    },
    Serialize: { Type: 'Pass', Output: "{% $merge([$states.input, {'serialized': {'json': $string($states.input.total)}}]) %}", Next: 'Reparse' },
    Reparse: { Type: 'Pass', Output: "{% $merge([$states.input, {'reparsed': {'back': $parse($states.input.serialized.json)}}]) %}", Next: 'Done' },
    Done: {
      Type: 'Pass',
      Output: {
        id: '{% $states.input.id %}',
        label: '{% $states.input.label.text %}',
        total: '{% $states.input.reparsed.back %}',
        tags: '{% $states.input.tags %}',
        items: '{% $states.input.itemCount.n %}',
      },
      End: true,
    },
  },
} as const;

/** The input of execution `index` (each one distinct, all taking the same path). */
function invoiceInput(index: number): Record<string, unknown> {
  return {
    invoiceId: `INV-${String(index).padStart(6, '0')}`,
    customer: index % 2 === 0 ? 'ACME Ltda' : 'ACME Serviços',
    amountCents: 150_000 + index,
    items: [
      { sku: 'NFSE-01', qty: 2, unitCents: 50_000 },
      { sku: 'NFSE-02', qty: 1, unitCents: 50_000 + index },
    ],
    tags: 'nfse,sp,monthly',
  };
}

/** The three workloads; counts can be lowered with BENCH_ENGINE_CHAIN_RUNS / BENCH_ENGINE_EXECUTIONS. */
export function workloads(env: NodeJS.ProcessEnv = process.env): Readonly<Record<WorkloadKey, Workload>> {
  const executions = Number(env.BENCH_ENGINE_EXECUTIONS ?? 10_000);
  return {
    chain: {
      key: 'chain',
      title: '(a) 1,000-Pass chain',
      definition: passChain(),
      statesPerExecution: CHAIN_LENGTH,
      executions: Number(env.BENCH_ENGINE_CHAIN_RUNS ?? 50),
      compared: true,
      input: (index) => ({ invoiceId: `INV-${index}`, amountCents: 1000 + index, note: 'passes through unchanged' }),
    },
    jsonpath: {
      key: 'jsonpath',
      title: '(b) 10-state JSONPath',
      definition: JSONPATH_MACHINE,
      statesPerExecution: 10,
      executions,
      compared: true,
      input: invoiceInput,
    },
    jsonata: {
      key: 'jsonata',
      title: '(c) 10-state JSONata',
      definition: JSONATA_MACHINE,
      statesPerExecution: 10,
      executions,
      compared: false,
      input: invoiceInput,
    },
  };
}
