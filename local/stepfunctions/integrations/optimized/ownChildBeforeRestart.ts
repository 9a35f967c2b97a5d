import { DescribeExecutionCommand, SFNServiceException, type StartExecutionCommandInput } from '@aws-sdk/client-sfn';
import { sdkErrorFacts } from '../integrationErrors';
import type { IntegrationDeps, TaskInvocation } from '../invokeTask';
import { isRecord, sendCommand, type CommandResult } from '../sendCommand';

/** A child a `.sync` task waits for again: the StartExecution answer its TaskSubmitted recorded, and the child it names. */
export interface OwnChild {
  readonly submitted: unknown;
  readonly executionArn: string;
}

/** The child a `.sync` task had started, from the StartExecution answer its TaskSubmitted recorded. */
export function startedExecutionArn(submitted: unknown): string | undefined {
  if (!isRecord(submitted)) return undefined;
  return typeof submitted.ExecutionArn === 'string' ? submitted.ExecutionArn : undefined;
}

/** `arn:aws:states:R:A:stateMachine:M` and `N` → `arn:aws:states:R:A:execution:M:N` (undefined for a version or alias ARN). */
function executionArnOf(stateMachineArn: string, name: string): string | undefined {
  const parts = stateMachineArn.split(':');
  if (parts.length !== 7 || parts[5] !== 'stateMachine') return undefined;
  return [...parts.slice(0, 5), 'execution', parts[6], name].join(':');
}

/**
 * After a restart, a Map iteration or Parallel branch that had not finished runs again from its
 * start, and its `.sync` task's StartExecution finds the name of the child it had started taken
 * once that child closed (ExecutionAlreadyExists). That child is this task's own when it is
 * provably so: started by this very execution (a TaskSubmitted it recorded before the restart
 * names it; each is taken once), of the same state machine, under the same name, with the same
 * input. The task then waits for it as it did before the restart. Anything else is undefined and
 * the error stands, as on AWS: a fresh execution, or a name another execution took.
 */
export async function ownChildBeforeRestart(error: unknown, input: StartExecutionCommandInput, invocation: TaskInvocation, deps: IntegrationDeps): Promise<OwnChild | undefined> {
  const take = invocation.takeSubmittedBeforeRestart;
  const { stateMachineArn, name } = input;
  if (take === undefined || stateMachineArn === undefined || name === undefined) return undefined;
  if (sdkErrorFacts(error, SFNServiceException).code !== 'ExecutionAlreadyExists') return undefined;
  const executionArn = executionArnOf(stateMachineArn, name);
  if (executionArn === undefined) return undefined;
  let described: CommandResult;
  try {
    described = await sendCommand(deps.clients.sfn, new DescribeExecutionCommand({ executionArn }), invocation.signal);
  } catch {
    return undefined;
  }
  const child = described.output;
  if (child.stateMachineArn !== stateMachineArn || child.name !== name || child.input !== input.input) return undefined;
  const submitted = take((s) => startedExecutionArn(s) === executionArn);
  return submitted === undefined ? undefined : { submitted, executionArn };
}
