import type { Clock } from '../../../lib/clock/Clock';

/** The integration pattern of a Task resource. */
export type IntegrationPattern = 'REQUEST_RESPONSE' | 'WAIT_FOR_TASK_TOKEN' | 'SYNC';

/** A Task resource taken apart, for the TaskScheduled event. */
export interface ParsedResource {
  readonly resourceType: string;
  readonly resource: string;
  readonly pattern: IntegrationPattern;
}

/** What a Task invocation receives. */
export interface TaskInvocation {
  readonly resource: string;
  readonly parameters: unknown;
  readonly taskToken?: string;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  /** Told what the service answered once a `.sync` task's job is started, before the wait for it (the TaskSubmitted event). */
  readonly onSubmitted?: (output: unknown) => void;
  /** What this attempt's TaskSubmitted recorded before a restart: a `.sync` task waits for that job again instead of starting another. */
  readonly submitted?: unknown;
  /**
   * In a run resumed after a restart, takes (once) the TaskSubmitted output of a `.sync` job this
   * execution had started before it that `matches`: a rerun Map iteration or Parallel branch
   * waits for its own child again when StartExecution finds that child's name taken.
   */
  readonly takeSubmittedBeforeRestart?: (matches: (submitted: unknown) => boolean) => unknown;
}

/**
 * Service integrations as the engine sees them: `parseResource` for the history, `invoke`
 * resolving with the service result or throwing StatesError with the AWS error name.
 */
export interface TaskInvoker {
  parseResource(resource: string): ParsedResource;
  invoke(invocation: TaskInvocation): Promise<unknown>;
}
