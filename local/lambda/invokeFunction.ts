import { randomUUID } from 'node:crypto';
import type { Clock } from '../../lib/clock/Clock';
import { createLambdaContext, type ContextCompletion } from './LambdaContext';
import type { RegisteredFunction } from './RegisteredFunction';

/** The outcome of one invocation, as Invoke reports it. */
export interface InvocationResult {
  readonly requestId: string;
  /** The JSON payload: the handler's result, or the runtime's error object. */
  readonly payload: string;
  /** `Unhandled` when the handler threw or timed out. */
  readonly functionError?: 'Unhandled';
  /** The log lines Lambda would write to CloudWatch for this invocation. */
  readonly logLines: readonly string[];
}

/** The error object the Node.js runtime returns for an unhandled error. */
export interface RuntimeErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

const TIMED_OUT = Symbol('timed out');

/**
 * Runs a registered handler with a Lambda context, honouring its timeout on the clock.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
 */
export async function invokeFunction(fn: RegisteredFunction, event: unknown, clock: Clock, invokedFunctionArn: string = fn.arn): Promise<InvocationResult> {
  const requestId = randomUUID();
  const startedAt = clock.now();
  const timeoutMs = fn.timeoutSeconds * 1000;
  let complete: (completion: ContextCompletion) => void = () => undefined;
  const completed = new Promise<unknown>((resolve, reject) => {
    complete = (completion) => (completion.ok ? resolve(completion.result) : reject(completion.error));
  });
  const context = createLambdaContext({ functionName: fn.name, invokedFunctionArn, memoryMb: fn.memoryMb, timeoutMs, requestId, clock, startedAt, complete });
  const logLines = [`START RequestId: ${requestId} Version: $LATEST`];
  let timer: ReturnType<Clock['setTimeout']> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = clock.setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  let payload: string;
  let functionError: 'Unhandled' | undefined;
  try {
    // Promise.resolve().then keeps a handler that throws synchronously inside the promise chain.
    const outcome = await Promise.race([Promise.resolve().then(() => fn.handler(event, context)), completed, timeout]);
    if (outcome === TIMED_OUT) {
      const seconds = fn.timeoutSeconds.toFixed(2);
      logLines.push(`${new Date(clock.now()).toISOString()} ${requestId} Task timed out after ${seconds} seconds`);
      payload = JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds` } satisfies RuntimeErrorPayload);
      functionError = 'Unhandled';
    } else {
      payload = serializeResult(outcome);
    }
  } catch (error) {
    const errorPayload = runtimeErrorPayload(error);
    logLines.push(`${new Date(clock.now()).toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(errorPayload)}`);
    payload = JSON.stringify(errorPayload);
    functionError = 'Unhandled';
  } finally {
    clock.clearTimeout(timer);
  }
  const durationMs = Math.max(0, clock.now() - startedAt);
  logLines.push(`END RequestId: ${requestId}`);
  logLines.push(`REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(durationMs))} ms\tMemory Size: ${fn.memoryMb} MB\tMax Memory Used: ${processRssMb()} MB`);
  return functionError !== undefined ? { requestId, payload, functionError, logLines } : { requestId, payload, logLines };
}

let rssSecond = -1;
let rssMb = 0;

/**
 * The process's resident memory in MB, read at most once a second: the report's "Max Memory
 * Used" is the cloud's whole process, not the function's, and reading it (from /proc) cost more
 * CPU than the rest of an in-process invocation.
 */
function processRssMb(): number {
  const second = Math.floor(Date.now() / 1000);
  if (second !== rssSecond) {
    rssSecond = second;
    rssMb = Math.round(process.memoryUsage.rss() / 1048576);
  }
  return rssMb;
}

/** The runtime's error shape: `errorType` from `name`, `trace` from the stack lines; non-errors by `typeof`. */
export function runtimeErrorPayload(error: unknown): RuntimeErrorPayload {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function serializeResult(result: unknown): string {
  // The runtime JSON-encodes the result; `undefined` becomes `null`.
  return JSON.stringify(result) ?? 'null';
}
