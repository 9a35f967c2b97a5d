/**
 * The executions of the engine that the integrations' `states` client reaches, when the Task runs
 * on that same engine (the local cloud): a `.sync` task waiting on one of them is told when it
 * closes, instead of polling DescribeExecution through the SDK and the edge.
 */
export interface EngineExecutions {
  /**
   * Resolves once the execution has closed (at once if it has) with its DescribeExecution answer
   * as the SDK returns it (camelCase, dates as `Date`); rejects with `signal.reason` when the
   * signal aborts first, and stops listening. Undefined when the engine does not hold the
   * execution: the caller polls DescribeExecution.
   */
  whenClosed(executionArn: string, signal: AbortSignal): Promise<Record<string, unknown>> | undefined;
}
