import http from 'node:http';
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
 * `{errorType, errorMessage, trace}`). Locally the image URI is that runtime's `http://` URL; when that
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

/**
 * Keep-alive connections to the runtimes this process invokes: an invocation reuses a socket
 * rather than connecting for each. Idle sockets close after 30 s, before the runtime's server
 * would (`LambdaRuntimeServer` keeps them 65 s), so a reused socket is never one it is closing.
 */
const runtimeAgent = new http.Agent({ keepAlive: true, timeout: 30_000 });

/**
 * One invocation over the runtime's HTTP interface. Node's `http` rather than `fetch`: on the
 * cloud's event loop, undici's streams, headers and abort signals cost about twice the CPU of the
 * request itself, for every invocation of a function whose code runs in another process.
 */
function overHttp(imageUri: string, context: LambdaContext, body: string): Promise<RuntimeAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${imageUri}${RUNTIME_INVOCATION_PATH}`,
      {
        method: 'POST',
        agent: runtimeAgent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'lambda-runtime-aws-request-id': context.awsRequestId, [INVOKED_FUNCTION_ARN_HEADER]: context.invokedFunctionArn },
        // No deadline here: the Lambda service times the invocation out on its (scaled) clock.
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('error', (error) => reject(unreachable(imageUri, error)));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: text, ...(response.headers['x-amz-function-error'] !== undefined ? { functionError: 'Unhandled' as const } : {}) });
        });
      },
    );
    request.on('error', (error) => reject(unreachable(imageUri, error)));
    request.end(body);
  });
}

/** Its process is gone (or never listened): the function cannot run, as Lambda says of a runtime that failed. */
function unreachable(imageUri: string, error: Error): RemoteFunctionError {
  return new RemoteFunctionError('Runtime.Unavailable', `the function's runtime at ${imageUri} is unreachable: ${error.message}`);
}
