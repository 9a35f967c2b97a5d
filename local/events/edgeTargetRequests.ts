import type { RawEdgeRequest } from '../edge/EdgeRequest';
import { edgeSignedHeaders } from '../edge/edgeSignedHeaders';
import { escapeUri } from '../edge/escapeUri';

/** Where a target is and who asks: the signing region in each request's credential scope. */
export interface EdgeTargetScope {
  readonly region: string;
  /** The time of the request, for `X-Amz-Date` and the scope's date. */
  readonly now: Date;
}

/**
 * The AWS wire requests the local EventBridge sends its targets through the edge of its own
 * process, as the SDK v3 clients would send them (the same protocol, target, path and headers the
 * edge routes and the services read), without the SDK's middleware, signing and serialisation.
 * The edge checks no signature of a request handed to it in-process: the scope routes it.
 */
export function sqsSendMessageRequest(scope: EdgeTargetScope, input: Readonly<Record<string, string>>): RawEdgeRequest {
  return jsonRequest(scope, 'sqs', 'application/x-amz-json-1.0', 'AmazonSQS.SendMessage', input);
}

/** StartExecution (AWS JSON 1.0), as `SFNClient` sends it. */
export function sfnStartExecutionRequest(scope: EdgeTargetScope, stateMachineArn: string, input: string): RawEdgeRequest {
  return jsonRequest(scope, 'states', 'application/x-amz-json-1.0', 'AWSStepFunctions.StartExecution', { stateMachineArn, input });
}

/** An asynchronous Invoke (REST-JSON, the payload as the body), as `LambdaClient` sends it. */
export function lambdaInvokeEventRequest(scope: EdgeTargetScope, functionArn: string, payload: string): RawEdgeRequest {
  return {
    method: 'POST',
    rawUrl: `/2015-03-31/functions/${escapeUri(functionArn)}/invocations`,
    headers: { ...edgeSignedHeaders('lambda', scope.region, scope.now), 'content-type': 'application/octet-stream', 'x-amz-invocation-type': 'Event' },
    body: Buffer.from(payload, 'utf8'),
  };
}

function jsonRequest(scope: EdgeTargetScope, signingName: string, contentType: string, target: string, input: object): RawEdgeRequest {
  return {
    method: 'POST',
    rawUrl: '/',
    headers: { ...edgeSignedHeaders(signingName, scope.region, scope.now), 'content-type': contentType, 'x-amz-target': target },
    body: Buffer.from(JSON.stringify(input), 'utf8'),
  };
}
