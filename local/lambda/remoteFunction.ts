import type { LambdaHandler } from './LambdaContext';

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
 * `{errorType, errorMessage}`). Locally the image URI is that runtime's `http://` URL.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/images-test.html
 */
export function remoteFunctionHandler(imageUri: string): LambdaHandler {
  return async (event, context) => {
    const response = await fetch(`${imageUri.replace(/\/+$/, '')}${RUNTIME_INVOCATION_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'lambda-runtime-aws-request-id': context.awsRequestId },
      // No deadline here: the Lambda service times the invocation out on its (scaled) clock.
      body: JSON.stringify(event ?? null),
    });
    const text = await response.text();
    if (response.headers.get('x-amz-function-error') !== null) {
      const payload = JSON.parse(text) as { errorType?: unknown; errorMessage?: unknown };
      throw new RemoteFunctionError(typeof payload.errorType === 'string' ? payload.errorType : 'Error', typeof payload.errorMessage === 'string' ? payload.errorMessage : text);
    }
    if (response.status !== 200) throw new RemoteFunctionError('Runtime.Unavailable', `the function's runtime at ${imageUri} answered HTTP ${response.status}: ${text}`);
    return text === '' ? null : (JSON.parse(text) as unknown);
  };
}
