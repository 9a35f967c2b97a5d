import type { EngineExecutions } from '../integrations/optimized/EngineExecutions';
import { executionDescription } from './executionDescription';
import type { ExecutionRecord } from './StepFunctionsBackend';

/**
 * The members of DescribeExecutionOutput in the order of the SDK's model, which its deserializer
 * keeps: the `.sync` task's answer (and a failure's cause, as JSON text) lists them in that order.
 */
const SDK_MEMBER_ORDER = [
  'executionArn', 'stateMachineArn', 'status', 'startDate', 'name', 'stopDate', 'input', 'inputDetails', 'output', 'outputDetails', 'traceHeader', 'mapRunArn',
  'error', 'cause', 'stateMachineVersionArn', 'stateMachineAliasArn', 'redriveCount', 'redriveDate', 'redriveStatus', 'redriveStatusReason',
] as const;
const DATE_MEMBERS: ReadonlySet<string> = new Set(['startDate', 'stopDate', 'redriveDate']);

/**
 * DescribeExecution's wire answer as the SDK hands it over: members in the model's order, epoch
 * seconds as Dates parsed as the SDK parses them (rounded to the millisecond), so a `.sync` task
 * answers the same whether it was told or polled.
 */
function asSdkOutput(wire: Record<string, unknown>): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const member of SDK_MEMBER_ORDER) {
    const value = wire[member];
    if (value === undefined) continue;
    output[member] = DATE_MEMBERS.has(member) && typeof value === 'number' ? new Date(Math.round(value * 1000)) : value;
  }
  return output;
}

/**
 * The engine's executions as `.sync` tasks wait on them: an execution's close (its terminal event
 * recorded: `Execution.onClose`) answers the waiting task. No safety poll: an execution's
 * status leaves RUNNING only where it calls its close listeners, the backend keeps every execution
 * for the life of the process, and after a restart a top-level task waits anew for the child its
 * TaskSubmitted names (one in a Parallel branch or Map iteration starts it again, or finds its own
 * closed child: see `ownChildBeforeRestart`).
 */
export function engineExecutions(find: (executionArn: string) => ExecutionRecord | undefined): EngineExecutions {
  return {
    whenClosed(executionArn, signal) {
      const record = find(executionArn);
      if (record === undefined) return undefined;
      return new Promise((resolve, reject) => {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        if (record.execution.status !== 'RUNNING') {
          resolve(asSdkOutput(executionDescription(record)));
          return;
        }
        const onAbort = (): void => {
          stopListening();
          reject(signal.reason);
        };
        const stopListening = record.execution.onClose(() => {
          signal.removeEventListener('abort', onAbort);
          resolve(asSdkOutput(executionDescription(record)));
        });
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
