/**
 * The two engines of the benchmark behind one interface: ours, driven in-process through the
 * Step Functions backend exactly as StartExecution drives it (no HTTP, full history kept in
 * memory with every execution, as the API keeps it), and aws-local-stepfunctions.
 */
import { FakeClock } from '../../lib/clock/FakeClock';
import { executionArn, stateMachineArn } from '../../local/stepfunctions/api/arns';
import { serializeEvent } from '../../local/stepfunctions/api/historyOperations';
import { StepFunctionsBackend, type StateMachineRecord } from '../../local/stepfunctions/api/StepFunctionsBackend';
import { parseDefinition } from '../../local/stepfunctions/definition/parseDefinition';
import type { EngineDependencies } from '../../local/stepfunctions/engine/ExecutionRuntime';
import type { TaskInvoker } from '../../local/stepfunctions/engine/TaskInvoker';
import { TaskTokenRegistry } from '../../local/stepfunctions/engine/TaskTokenRegistry';
import { evaluateIntrinsic } from '../../local/stepfunctions/intrinsics/evaluateIntrinsic';
import type { Workload } from './machines';

export const ENGINE_NAMES = ['ours', 'aws-local-stepfunctions'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** One prepared input: the value and the text StartExecution would have received. */
export interface PreparedInput {
  readonly value: Readonly<Record<string, unknown>>;
  readonly text: string;
}

/** Runs executions of one workload, one after the other. */
export interface EngineRunner {
  /** Runs every input once (timed by the caller); `tag` keeps execution names unique. */
  runAll(inputs: readonly PreparedInput[], tag: string): Promise<void>;
  /** State transitions of the last runAll (untimed; ours counts them in the recorded histories). */
  transitionsOfLastRun(): number;
  /** The output of one execution, to check both engines compute the same thing. */
  outputOf(input: PreparedInput): Promise<unknown>;
  /** Drops what the last run kept (our finished executions and their histories). */
  release(): void;
}

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

/** The benchmark machines have no Task states: any call is a bug in the benchmark. */
const NO_TASKS: TaskInvoker = {
  parseResource: (resource) => ({ resourceType: 'lambda', resource, pattern: 'REQUEST_RESPONSE' }),
  invoke: () => Promise.reject(new Error('the engine benchmark has no Task states')),
};

/** Our engine: a StepFunctionsBackend without journal (in memory), on a clock that never waits. */
export class OurEngineRunner implements EngineRunner {
  private readonly deps: EngineDependencies = {
    clock: new FakeClock(),
    evaluateIntrinsic,
    invokeTask: NO_TASKS,
    tokens: new TaskTokenRegistry(),
    region: REGION,
    accountId: ACCOUNT,
  };
  private backend = new StepFunctionsBackend(this.deps, REGION, ACCOUNT);
  private readonly machine: StateMachineRecord;

  public constructor(workload: Workload) {
    const name = `bench-${workload.key}`;
    this.machine = {
      arn: stateMachineArn(REGION, ACCOUNT, name),
      name,
      type: 'STANDARD',
      definition: parseDefinition(JSON.stringify(workload.definition)),
      roleArn: `arn:aws:iam::${ACCOUNT}:role/bench`,
      creationDate: this.deps.clock.now(),
      revisionId: 'bench',
      loggingConfiguration: {},
      tracingConfiguration: {},
    };
  }

  public async runAll(inputs: readonly PreparedInput[], tag: string): Promise<void> {
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i] as PreparedInput;
      const name = `${tag}-${i}`;
      const record = this.backend.startExecution(this.machine, executionArn(REGION, ACCOUNT, this.machine.name, name, false), name, input.text, input.value);
      await record.execution.whenDone();
    }
  }

  public transitionsOfLastRun(): number {
    let transitions = 0;
    for (const { execution } of this.backend.executionOrder) {
      if (execution.status !== 'SUCCEEDED') throw new Error(`${execution.facts.name} ended ${execution.status}: ${execution.outcome.error ?? ''} ${execution.outcome.cause ?? ''}`);
      const { history } = execution;
      for (let i = 0; i < history.length; i++) if (history.typeAt(i)?.endsWith('StateEntered') === true) transitions += 1;
    }
    return transitions;
  }

  public async outputOf(input: PreparedInput): Promise<unknown> {
    await this.runAll([input], 'check');
    const { execution } = this.backend.executionOrder[this.backend.executionOrder.length - 1] ?? {};
    if (execution === undefined) throw new Error('no execution recorded');
    // The AWS shape GetExecutionHistory serves must come out of what was recorded.
    const served = execution.history.all().map((e) => serializeEvent(e, true));
    if (served.length < 2 || JSON.stringify(served).length === 0) throw new Error('history not recorded');
    return JSON.parse(execution.outcome.output ?? 'null');
  }

  public release(): void {
    this.backend = new StepFunctionsBackend(this.deps, REGION, ACCOUNT);
  }

  /** Events held by the executions of the last run. */
  public eventsHeld(): number {
    let events = 0;
    for (const { execution } of this.backend.executionOrder) events += execution.history.length;
    return events;
  }
}

/** The reference: aws-local-stepfunctions, the same definition, one `run(input).result` per execution. */
export class LibraryEngineRunner implements EngineRunner {
  private lastTransitions = 0;

  private constructor(
    private readonly machine: { run(input: never): { result: Promise<unknown> } },
    private readonly statesPerExecution: number,
  ) {}

  /** Loads the library (an ES module) and builds its StateMachine from the shared definition. */
  public static async create(workload: Workload): Promise<LibraryEngineRunner> {
    const { StateMachine } = await import('aws-local-stepfunctions');
    const definition = JSON.parse(JSON.stringify(workload.definition)) as ConstructorParameters<typeof StateMachine>[0];
    return new LibraryEngineRunner(new StateMachine(definition, { validationOptions: { checkPaths: true } }), workload.statesPerExecution);
  }

  public async runAll(inputs: readonly PreparedInput[]): Promise<void> {
    for (let i = 0; i < inputs.length; i++) await this.machine.run((inputs[i] as PreparedInput).value as never).result;
    // Every execution takes the same path (checked by outputOf against ours): its length is known.
    this.lastTransitions = inputs.length * this.statesPerExecution;
  }

  public transitionsOfLastRun(): number {
    return this.lastTransitions;
  }

  public async outputOf(input: PreparedInput): Promise<unknown> {
    return this.machine.run(input.value as never).result;
  }

  public release(): void {
    this.lastTransitions = 0;
  }
}
