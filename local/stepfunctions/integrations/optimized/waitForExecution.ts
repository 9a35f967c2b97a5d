import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import type { Clock } from '../../../../lib/clock/Clock';
import { StatesError, STATES_ERRORS } from '../../errors/StatesError';
import { OPTIMIZED_ERROR_STYLES, optimizedCallError } from '../integrationErrors';
import type { IntegrationDeps } from '../invokeTask';
import { toStateJson } from '../jsonShape';
import { isRecord, sendCommand, type CommandResult } from '../sendCommand';

/** `.sync` gives the child's Input/Output as JSON text, `.sync:2` as JSON values. */
export type ExecutionDataStyle = 'string' | 'json';

const DEFAULT_POLL_INTERVAL_MS = 1000;
const OPEN_STATUSES: ReadonlySet<unknown> = new Set(['RUNNING', 'PENDING_REDRIVE']);

/**
 * Waits until the child execution closes: told by the engine when it holds the child
 * (`deps.executions`), else by polling DescribeExecution (through the clock). SUCCEEDED resolves
 * with the description in PascalCase; any other status fails the task with `States.TaskFailed`
 * and that description, as JSON text, as the cause.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
 */
export async function waitForExecution(executionArn: string, style: ExecutionDataStyle, signal: AbortSignal, deps: IntegrationDeps): Promise<unknown> {
  const closed = deps.executions?.whenClosed(executionArn, signal) ?? pollUntilClosed(executionArn, signal, deps);
  const output = await closed;
  const description = describe(output, style);
  if (output.status === 'SUCCEEDED') return description;
  throw new StatesError(STATES_ERRORS.TaskFailed, JSON.stringify(description));
}

/** DescribeExecution every `deps.syncPollIntervalMs` until the execution is no longer open. */
async function pollUntilClosed(executionArn: string, signal: AbortSignal, deps: IntegrationDeps): Promise<Record<string, unknown>> {
  const interval = deps.syncPollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  for (;;) {
    let result: CommandResult;
    try {
      result = await sendCommand(deps.clients.sfn, new DescribeExecutionCommand({ executionArn }), signal);
    } catch (error) {
      throw optimizedCallError(OPTIMIZED_ERROR_STYLES.states, error);
    }
    if (!OPEN_STATUSES.has(result.output.status)) return result.output;
    await sleepUnlessAborted(deps.clock, interval, signal);
  }
}

function describe(output: Record<string, unknown>, style: ExecutionDataStyle): Record<string, unknown> {
  const shaped = toStateJson(output, { dates: 'epoch-millis', pascalKeys: true });
  const description = isRecord(shaped) ? shaped : {};
  if (style === 'string') return description;
  return { ...description, ...parsedField(description, 'Input'), ...parsedField(description, 'Output') };
}

function parsedField(description: Record<string, unknown>, key: 'Input' | 'Output'): Record<string, unknown> {
  const text = description[key];
  if (typeof text !== 'string') return {};
  try {
    return { [key]: JSON.parse(text) };
  } catch {
    return {};
  }
}

function sleepUnlessAborted(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
