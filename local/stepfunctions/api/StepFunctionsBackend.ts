import type { StateMachineDefinition } from '../definition/types';
import { parseDefinition } from '../definition/parseDefinition';
import type { StoredExecutionHeader, StepFunctionsJournal } from '../durability/StepFunctionsJournal';
import type { EngineDependencies, ExecutionFacts } from '../engine/ExecutionRuntime';
import { Execution } from '../engine/Execution';
import type { TaskTokenRegistry } from '../engine/TaskTokenRegistry';
import { ApiError } from './ApiError';

export type StateMachineType = 'STANDARD' | 'EXPRESS';

/** A state machine as the API keeps it. */
export interface StateMachineRecord {
  readonly arn: string;
  readonly name: string;
  readonly type: StateMachineType;
  definition: StateMachineDefinition;
  roleArn: string;
  readonly creationDate: number;
  updateDate?: number;
  revisionId: string;
  loggingConfiguration: unknown;
  tracingConfiguration: unknown;
  description?: string;
}

/** An execution and what it was started with. */
export interface ExecutionRecord {
  readonly execution: Execution;
  readonly stateMachine: StateMachineRecord;
  /** The definition the execution runs (later updates do not change it). */
  readonly definitionSource: string;
  readonly startDate: number;
}

/**
 * The in-memory model behind the Step Functions API: state machines, executions, task tokens.
 */
export class StepFunctionsBackend {
  public readonly stateMachines = new Map<string, StateMachineRecord>();
  public readonly executions = new Map<string, ExecutionRecord>();
  /** Executions in start order, for ListExecutions. */
  public readonly executionOrder: ExecutionRecord[] = [];

  public constructor(
    public readonly deps: EngineDependencies,
    public readonly region: string,
    public readonly accountId: string,
    /** Where state machines and execution histories are persisted; in memory only when absent. */
    private readonly journal?: StepFunctionsJournal,
  ) {}

  /** Persists the state machines (after a create, update or delete). */
  public stateMachinesChanged(): void {
    this.journal?.saveStateMachines(
      [...this.stateMachines.values()].map((r) => ({
        arn: r.arn,
        name: r.name,
        type: r.type,
        definition: r.definition.source,
        roleArn: r.roleArn,
        creationDate: r.creationDate,
        updateDate: r.updateDate,
        revisionId: r.revisionId,
        loggingConfiguration: r.loggingConfiguration,
        tracingConfiguration: r.tracingConfiguration,
      })),
    );
  }

  /** Loads what the journal holds; running executions resume. */
  public restore(): void {
    if (this.journal === undefined) return;
    for (const stored of this.journal.loadStateMachines()) {
      this.stateMachines.set(stored.arn, {
        arn: stored.arn,
        name: stored.name,
        type: stored.type,
        definition: parseDefinition(stored.definition),
        roleArn: stored.roleArn,
        creationDate: stored.creationDate,
        updateDate: stored.updateDate,
        revisionId: stored.revisionId,
        loggingConfiguration: stored.loggingConfiguration,
        tracingConfiguration: stored.tracingConfiguration,
      });
    }
    const journal = this.journal;
    for (const { header, events } of journal.loadExecutions()) {
      const definition = parseDefinition(header.definition);
      const stateMachine = this.stateMachines.get(header.stateMachineArn) ?? {
        arn: header.stateMachineArn,
        name: header.stateMachineName,
        type: header.type,
        definition,
        roleArn: header.roleArn,
        creationDate: header.startDate,
        revisionId: '',
        loggingConfiguration: {},
        tracingConfiguration: {},
      };
      // Tokens handed out before the restart answer TaskDoesNotExist once their task has ended (a
      // resumed task registers its token again), rather than InvalidToken.
      for (const event of events) if (event.extra?.token !== undefined) this.deps.tokens.retire(event.extra.token);
      const execution = Execution.restore(this.deps, this.factsOf(header, stateMachine), definition, header.input, events, (e) => journal.appendEvent(header.executionArn, e));
      const record: ExecutionRecord = { execution, stateMachine, definitionSource: header.definition, startDate: header.startDate };
      this.executions.set(header.executionArn, record);
      this.executionOrder.push(record);
    }
  }

  /** Writes what the journal still holds in memory. */
  public async flush(): Promise<void> {
    await this.journal?.flush();
  }

  private factsOf(header: StoredExecutionHeader, stateMachine: StateMachineRecord): ExecutionFacts {
    let input: unknown = null;
    try {
      input = JSON.parse(header.input);
    } catch {
      input = null;
    }
    return {
      executionArn: header.executionArn,
      name: header.name,
      stateMachineArn: stateMachine.arn,
      stateMachineName: stateMachine.name,
      roleArn: header.roleArn,
      input,
      startTime: header.startDate,
      redriveCount: 0,
    };
  }

  public get tokens(): TaskTokenRegistry {
    return this.deps.tokens;
  }

  public stateMachine(arn: string): StateMachineRecord {
    const record = this.stateMachines.get(arn);
    if (record === undefined) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return record;
  }

  public execution(arn: string): ExecutionRecord {
    const record = this.executions.get(arn);
    if (record === undefined) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  /** Creates and starts an execution. */
  public startExecution(stateMachine: StateMachineRecord, arn: string, name: string, inputText: string, input: unknown): ExecutionRecord {
    const startDate = this.deps.clock.now();
    const execution = new Execution(
      this.deps,
      {
        executionArn: arn,
        name,
        stateMachineArn: stateMachine.arn,
        stateMachineName: stateMachine.name,
        roleArn: stateMachine.roleArn,
        input,
        startTime: startDate,
        redriveCount: 0,
      },
      stateMachine.definition,
      inputText,
    );
    const record: ExecutionRecord = { execution, stateMachine, definitionSource: stateMachine.definition.source, startDate };
    this.executions.set(arn, record);
    this.executionOrder.push(record);
    const journal = this.journal;
    if (journal !== undefined) {
      journal.beginExecution({
        executionArn: arn,
        name,
        stateMachineArn: stateMachine.arn,
        stateMachineName: stateMachine.name,
        type: stateMachine.type,
        definition: stateMachine.definition.source,
        roleArn: stateMachine.roleArn,
        input: inputText,
        startDate,
      });
      execution.history.onEvent((e) => journal.appendEvent(arn, e));
    }
    execution.start();
    return record;
  }

  /** Halts every running execution without recording anything (service shutdown). */
  public haltAll(): void {
    for (const record of this.executions.values()) record.execution.halt();
  }
}
