import type { LambdaHandler } from './LambdaContext';
import { inProcessRuntime, type RuntimeAnswer } from './inProcessRuntimes';

/** The path a Lambda runtime interface emulator answers an invocation on, under an image's URL. */
export const RUNTIME_INVOCATION_PATH = '/2015-03-31/functions/function/invocations';

/** An unhandled error the runtime reported: its `errorType` becomes this error's name, as Lambda reports it. */
class RemoteFunctionError extends Error {
  public constructor(errorType: string, message: string) {
    super(message);
    this.name = errorType;
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
    const answered = runtime?.answer(inProcessName ?? '', context.awsRequestId, body);
    const answer = answered !== undefined ? await answered : await overHttp(uri, context.awsRequestId, body);
    if (answer.functionError !== undefined) {
      const payload = JSON.parse(answer.body) as { errorType?: unknown; errorMessage?: unknown };
      throw new RemoteFunctionError(typeof payload.errorType === 'string' ? payload.errorType : 'Error', typeof payload.errorMessage === 'string' ? payload.errorMessage : answer.body);
    }
    if (answer.status !== 200) throw new RemoteFunctionError('Runtime.Unavailable', `the function's runtime at ${imageUri} answered HTTP ${answer.status}: ${answer.body}`);
    return answer.body === '' ? null : (JSON.parse(answer.body) as unknown);
  };
}

async function overHttp(imageUri: string, requestId: string, body: string): Promise<RuntimeAnswer> {
  const response = await fetch(`${imageUri}${RUNTIME_INVOCATION_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'lambda-runtime-aws-request-id': requestId },
    // No deadline here: the Lambda service times the invocation out on its (scaled) clock.
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, ...(response.headers.get('x-amz-function-error') !== null ? { functionError: 'Unhandled' as const } : {}) };
}
