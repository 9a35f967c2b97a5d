import type { Context } from 'aws-lambda';
import type { Clock } from '../../lib/clock/Clock';

/**
 * The context object an in-process handler receives: the `Context` of `aws-lambda`, as the Node.js
 * runtime builds it, so `tasks/*` handlers typed with it register unchanged.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
 */
export type LambdaContext = Context;

/** How a handler ended through the deprecated `context.succeed/fail/done` calls. */
export type ContextCompletion = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: unknown };

/** A handler registered with the local Lambda service. */
export type LambdaHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

/** What {@link createLambdaContext} needs. */
export interface LambdaContextOptions {
  readonly functionName: string;
  readonly invokedFunctionArn: string;
  readonly memoryMb: number;
  readonly timeoutMs: number;
  readonly requestId: string;
  readonly clock: Clock;
  /** `clock.now()` when the invocation started. */
  readonly startedAt: number;
  /** Called by `succeed`, `fail` and `done`, which end the invocation as the runtime's legacy API does. */
  readonly complete: (completion: ContextCompletion) => void;
}

/** Builds the context of one invocation; remaining time counts AWS milliseconds on the clock. */
export function createLambdaContext(options: LambdaContextOptions): LambdaContext {
  const { clock } = options;
  // A scaled clock runs AWS time faster than wall time: convert elapsed wall ms back to AWS ms.
  const realPerAws = clock.toRealMs(1000) / 1000;
  const day = new Date(options.startedAt).toISOString().slice(0, 10).replace(/-/g, '/');
  return {
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: options.invokedFunctionArn,
    memoryLimitInMB: String(options.memoryMb),
    awsRequestId: options.requestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${day}/[$LATEST]${options.requestId.replace(/-/g, '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis(): number {
      const elapsedAws = realPerAws > 0 ? (clock.now() - options.startedAt) / realPerAws : 0;
      return Math.max(0, Math.round(options.timeoutMs - elapsedAws));
    },
    done(error?: Error, result?: unknown): void {
      options.complete(error !== undefined && error !== null ? { ok: false, error } : { ok: true, result });
    },
    fail(error: Error | string): void {
      options.complete({ ok: false, error });
    },
    succeed(result: unknown): void {
      options.complete({ ok: true, result });
    },
  };
}
