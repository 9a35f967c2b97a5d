import type { LambdaContext, LambdaHandler } from './LambdaContext';
import { inProcessRuntime, type RuntimeAnswer } from './inProcessRuntimes';

/** The path a Lambda runtime interface emulator answers an invocation on, under an image's URL. */
export const RUNTIME_INVOCATION_PATH = '/2015-03-31/functions/function/invocations';

/**
 * The header an invocation names the function it invokes by (the ARN as the caller gave it), so
 * a runtime serving a function under another path builds the context Lambda would: the Runtime
 * API hands the runtime the same `Lambda-Runtime-Invoked-Function-Arn`.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 */
export const INVOKED_FUNCTION_ARN_HEADER = 'lambda-runtime-invoked-function-arn';

/** An unhandled error the runtime reported: its `errorType` becomes this error's name, and its `trace` this error's stack, as Lambda reports them. */
class RemoteFunctionError extends Error {
  public constructor(errorType: string, message: string, trace?: unknown) {
    super(message);
    this.name = errorType;
    if (Array.isArray(trace) && trace.length > 0 && trace.every((line) => typeof line === 'string')) this.stack = trace.join('\n');
  }
}

/**
 * The handler of a container-image function whose image runs elsewhere as a Lambda runtime
 * (the Runtime Interface Emulator's interface: `POST {imageUri}/2015-03-31/functions/function/invocations`,
 * the event as body; a function error comes back with `X-Amz-Function-Error` and the runtime's
 * `{errorType, errorMessage}`). Locally the image URI is that runtime's `http://` URL; when that
 * runtime serves in this process (see `LambdaRuntimeServer`) the invocation reaches it without
 * its port, with the same JSON both ways (`LOCAL_EDGE_IN_PROCESS=0` forces HTTP).
 * @see https://docs.aws.amazon.com/lambda/latest/dg/images-test.html
 */
export function remoteFunctionHandler(imageUri: string): LambdaHandler {
  const uri = imageUri.replace(/\/+$/, '');
  const image = new URL(uri);
  const inProcessName = /^\/[^/]+$/.test(image.pathname) ? image.pathname.slice(1) : undefined;
  const viaPort = process.env.LOCAL_EDGE_IN_PROCESS === '0';
  return async (event, context) => {
    const body = JSON.stringify(event ?? null);
    const runtime = viaPort || inProcessName === undefined ? undefined : inProcessRuntime(image.origin);
    const answered = runtime?.answer(inProcessName ?? '', context.awsRequestId, body, context.invokedFunctionArn);
    const answer = answered !== undefined ? await answered : await overHttp(uri, context, body);
    if (answer.functionError !== undefined) {
      const payload = JSON.parse(answer.body) as { errorType?: unknown; errorMessage?: unknown; trace?: unknown };
      throw new RemoteFunctionError(typeof payload.errorType === 'string' ? payload.errorType : 'Error', typeof payload.errorMessage === 'string' ? payload.errorMessage : answer.body, payload.trace);
    }
    if (answer.status !== 200) throw new RemoteFunctionError('Runtime.Unavailable', `the function's runtime at ${imageUri} answered HTTP ${answer.status}: ${answer.body}`);
    return answer.body === '' ? null : (JSON.parse(answer.body) as unknown);
  };
}

async function overHttp(imageUri: string, context: LambdaContext, body: string): Promise<RuntimeAnswer> {
  let response: Response;
  try {
    response = await fetch(`${imageUri}${RUNTIME_INVOCATION_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'lambda-runtime-aws-request-id': context.awsRequestId, [INVOKED_FUNCTION_ARN_HEADER]: context.invokedFunctionArn },
      // No deadline here: the Lambda service times the invocation out on its (scaled) clock.
      body,
    });
  } catch (error) {
    // Its process is gone (or never listened): the function cannot run, as Lambda says of a runtime that failed.
    throw new RemoteFunctionError('Runtime.Unavailable', `the function's runtime at ${imageUri} is unreachable: ${error instanceof Error ? String(error.cause ?? error.message) : String(error)}`);
  }
  const text = await response.text();
  return { status: response.status, body: text, ...(response.headers.get('x-amz-function-error') !== null ? { functionError: 'Unhandled' as const } : {}) };
}
