import type { Clock } from '../../../lib/clock/Clock';
import { StatesError, STATES_ERRORS } from '../errors/StatesError';
import { invokeAwsSdk } from './awsSdk/invokeAwsSdk';
import type { IntegrationClients } from './IntegrationClients';
import type { EngineExecutions } from './optimized/EngineExecutions';
import { invokeLambdaFunction } from './lambdaFunction';
import { invokeDynamoDb } from './optimized/dynamoDbTask';
import { invokeEventBridge } from './optimized/eventBridgeTask';
import { invokeLambda } from './optimized/lambdaTask';
import { invokeSqs } from './optimized/sqsTask';
import { invokeStepFunctions } from './optimized/stepFunctionsTask';
import { parseResource, type ParsedResource } from './parseResource';
import type { ServiceWire } from './wire/ServiceWire';

/** One call of a Task state, as the engine hands it over. */
export interface TaskInvocation {
  /** The state's `Resource`. */
  readonly resource: string;
  /** The effective parameters (Parameters/Arguments evaluated, or the state input). */
  readonly parameters: unknown;
  /** `$$.Task.Token`, for `.waitForTaskToken` resources. */
  readonly taskToken?: string;
  /** Aborted by the engine on TimeoutSeconds, StopExecution or shutdown. */
  readonly signal: AbortSignal;
  readonly region: string;
  readonly accountId: string;
  /** `$$.Execution.Id`: EventBridge PutEvents adds it to every entry's `Resources`. */
  readonly executionArn?: string;
  /** `$$.StateMachine.Id`: EventBridge PutEvents adds it to every entry's `Resources`. */
  readonly stateMachineArn?: string;
  /**
   * Told, for a `.sync` resource, what the call that started the job answered (its request-response
   * output), before the wait for the job: the engine records it as TaskSubmitted, as AWS does.
   */
  readonly onSubmitted?: (output: unknown) => void;
  /**
   * The output of this attempt's TaskSubmitted, recorded before the engine restarted: a `.sync`
   * task waits for the job that answer names instead of starting another.
   */
  readonly submitted?: unknown;
  /**
   * In an execution resumed after a restart: takes, once, a TaskSubmitted output it had recorded
   * before it that `matches` (a `.sync` task re-attaches to its own child whose name is taken).
   */
  readonly takeSubmittedBeforeRestart?: (matches: (submitted: unknown) => boolean) => unknown;
}

/** What the integrations call through. */
export interface IntegrationDeps {
  /** Built once with `createIntegrationClients(context)`; mocked in unit tests. */
  readonly clients: IntegrationClients;
  /** The engine's direct way to the local services for its most frequent calls (see `ServiceWire`); absent means every call goes through the SDK. */
  readonly wire?: ServiceWire;
  /** Drives the DescribeExecution polling of `.sync` tasks. */
  readonly clock: Clock;
  /**
   * The executions of the engine `clients.sfn` calls, when the task runs on it: a `.sync` task
   * waits for its child's close there. @default none: every `.sync` task polls DescribeExecution
   */
  readonly executions?: EngineExecutions;
  /**
   * Interval between DescribeExecution calls of a `.sync` task whose child `executions` does not hold, in AWS milliseconds.
   * @default 1000
   */
  readonly syncPollIntervalMs?: number;
}

/**
 * Calls the service behind a Task state and resolves with the result AWS gives the state;
 * rejects with a {@link StatesError} named as AWS names it (or with `signal.reason` once aborted).
 * For `.waitForTaskToken` it only makes the call: the engine then waits for SendTaskSuccess.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html
 */
export async function invokeTask(invocation: TaskInvocation, deps: IntegrationDeps): Promise<unknown> {
  const parsed = parseResource(invocation.resource);
  try {
    return await dispatch(parsed, invocation, deps);
  } catch (error) {
    // The engine aborted the call (timeout, stop): it decides what that means, not the service.
    if (invocation.signal.aborted) throw invocation.signal.reason;
    throw error;
  }
}

async function dispatch(parsed: ParsedResource, invocation: TaskInvocation, deps: IntegrationDeps): Promise<unknown> {
  switch (parsed.kind) {
    case 'lambda-function':
      return invokeLambdaFunction(parsed, invocation, deps);
    case 'aws-sdk':
      return invokeAwsSdk(parsed, invocation, deps);
    case 'activity':
      // Activities are polled by workers through GetActivityTask; nothing is called here.
      throw new StatesError(STATES_ERRORS.Runtime, `The resource ${parsed.arn} is an activity: its tasks are taken by workers with GetActivityTask.`);
    case 'optimized':
      return dispatchOptimized(parsed, invocation, deps);
    default: {
      const unreachable: never = parsed.kind;
      throw new Error(`unknown resource kind ${String(unreachable)}`);
    }
  }
}

function dispatchOptimized(parsed: ParsedResource, invocation: TaskInvocation, deps: IntegrationDeps): Promise<unknown> {
  switch (parsed.service) {
    case 'dynamodb':
      return invokeDynamoDb(parsed, invocation, deps);
    case 'sqs':
      return invokeSqs(parsed, invocation, deps);
    case 'lambda':
      return invokeLambda(parsed, invocation, deps);
    case 'events':
      return invokeEventBridge(parsed, invocation, deps);
    case 'states':
      return invokeStepFunctions(parsed, invocation, deps);
    default:
      throw new StatesError(STATES_ERRORS.Runtime, `The resource provided ${parsed.arn} is not recognized.`);
  }
}
