import type { TransitionThrottle } from '../quotas/TransitionThrottle';
import type { Clock } from '../../../lib/clock/Clock';
import type { StateMachineDefinition } from '../definition/types';
import type { ChildrenBeforeRestart } from './ChildrenBeforeRestart';
import type { HistoryRecorder } from './history/HistoryRecorder';
import type { IntrinsicEvaluator } from './IntrinsicEvaluator';
import type { TaskInvoker } from './TaskInvoker';
import type { TaskTokenRegistry } from './TaskTokenRegistry';

/** What the engine needs from outside: time, intrinsic functions, service integrations, task tokens. */
export interface EngineDependencies {
  readonly clock: Clock;
  readonly evaluateIntrinsic: IntrinsicEvaluator;
  readonly invokeTask: TaskInvoker;
  readonly tokens: TaskTokenRegistry;
  readonly region: string;
  readonly accountId: string;
  /** Random source in [0, 1) for retry jitter and $random. @default Math.random */
  readonly random?: () => number;
  /** The account's StateTransition quota: a transition past it waits. @default none: never delayed */
  readonly stateTransitions?: TransitionThrottle;
}

/** The execution-wide facts states read: the context object's Execution and StateMachine. */
export interface ExecutionFacts {
  readonly executionArn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly roleArn: string;
  readonly input: unknown;
  readonly startTime: number;
  readonly redriveCount: number;
}

/** Shared by every flow of one execution (a branch or iteration sees it with its own signal). */
export interface ExecutionRuntime {
  readonly deps: EngineDependencies;
  readonly facts: ExecutionFacts;
  readonly definition: StateMachineDefinition;
  readonly history: HistoryRecorder;
  /** Aborted when the execution stops (in a branch or iteration, also when a sibling fails). */
  readonly signal: AbortSignal;
  /** Whether {@link ExecutionRuntime.signal} is aborted, read without making the signal (checked on every transition). */
  readonly aborted: boolean;
  /**
   * Whether the execution itself ended while its flows still ran (stopped, timed out, halted): its
   * terminal event is recorded, and what the flows do while they unwind is not, so the history a
   * reader gets once the execution has ended is complete and ends with that event, as on AWS.
   */
  readonly ended: boolean;
  /** In a run resumed after a restart inside a Parallel or Map state: the `.sync` children its tasks had started before it. */
  readonly childrenBeforeRestart?: ChildrenBeforeRestart;
}
