import { StartExecutionCommand, type StartExecutionCommandInput } from '@aws-sdk/client-sfn';
import { OPTIMIZED_ERROR_STYLES, optimizedCallError } from '../integrationErrors';
import type { IntegrationDeps, TaskInvocation } from '../invokeTask';
import { toStateJson } from '../jsonShape';
import type { ParsedResource } from '../parseResource';
import { sdkMetadataFields } from '../sdkHttpMetadata';
import { isRecord, sendCommand, type CommandResult } from '../sendCommand';
import { startExecutionOnWire } from '../wire/startExecutionWire';
import { jsonText, optimizedParameters } from './optimizedParameters';
import { ownChildBeforeRestart, startedExecutionArn } from './ownChildBeforeRestart';
import { waitForExecution, type ExecutionDataStyle } from './waitForExecution';

/**
 * `arn:aws:states:::states:startExecution[.sync|.sync:2|.waitForTaskToken]`: starts the child
 * execution (a JSON `Input` is sent as its text, `{}` when absent). Request Response answers
 * `{ExecutionArn, StartDate, SdkHttpMetadata, SdkResponseMetadata}`; `.sync` and `.sync:2` hand
 * that answer to `onSubmitted` (TaskSubmitted), wait for the child to close and answer its
 * DescribeExecution. A `.sync` task resumed after a restart with its TaskSubmitted output waits
 * for that child again and starts nothing: on AWS the task never stopped waiting for it. One that
 * runs again in a rerun Map iteration or Parallel branch waits for its own closed child (see
 * {@link ownChildBeforeRestart}).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
 */
export async function invokeStepFunctions(parsed: ParsedResource, invocation: TaskInvocation, deps: IntegrationDeps): Promise<unknown> {
  const style: ExecutionDataStyle = parsed.condition === 'sync:2' ? 'json' : 'string';
  if (parsed.pattern === 'SYNC') {
    const startedBefore = startedExecutionArn(invocation.submitted);
    if (startedBefore !== undefined) return waitForExecution(startedBefore, style, invocation.signal, deps);
  }
  const params = optimizedParameters(parsed, invocation.parameters);
  const input: StartExecutionCommandInput = {
    stateMachineArn: typeof params.StateMachineArn === 'string' ? params.StateMachineArn : undefined,
    input: params.Input === undefined ? '{}' : jsonText(params.Input),
    ...(typeof params.Name === 'string' ? { name: params.Name } : {}),
  };
  let result: CommandResult;
  try {
    // Every member is a string: the wire sends the input as the SDK would.
    result = deps.wire !== undefined
      ? await startExecutionOnWire(deps.wire, input, invocation.region, invocation.signal)
      : await sendCommand(deps.clients.sfn, new StartExecutionCommand(input), invocation.signal);
  } catch (error) {
    const own = parsed.pattern === 'SYNC' ? await ownChildBeforeRestart(error, input, invocation, deps) : undefined;
    if (own === undefined) throw optimizedCallError(OPTIMIZED_ERROR_STYLES.states, error);
    invocation.onSubmitted?.(own.submitted);
    return waitForExecution(own.executionArn, style, invocation.signal, deps);
  }
  const started = toStateJson(result.output, { dates: 'epoch-millis', pascalKeys: true });
  const answer = { ...(isRecord(started) ? started : {}), ...sdkMetadataFields(result) };
  const executionArn = result.output.executionArn;
  if (parsed.pattern === 'SYNC' && typeof executionArn === 'string') {
    // A resumed run's rerun task found its child still running: that child is this run's now, so a
    // later attempt that finds its name taken fails as it would have without the restart.
    invocation.takeSubmittedBeforeRestart?.((submitted) => startedExecutionArn(submitted) === executionArn);
    invocation.onSubmitted?.(answer);
    return waitForExecution(executionArn, style, invocation.signal, deps);
  }
  return answer;
}
