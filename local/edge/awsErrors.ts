import type { EdgeResponse } from './EdgeRequest';

/**
 * An error in the AWS JSON 1.0/1.1 protocols (SQS, Step Functions, DynamoDB, EventBridge, ECS):
 * `{"__type": "...", "message": "..."}` with the status AWS uses.
 */
export function awsJsonError(status: number, type: string, message: string, contentType = 'application/x-amz-json-1.0'): EdgeResponse {
  return {
    status,
    headers: { 'content-type': contentType, 'x-amzn-errortype': type.replace(/^.*#/, '') },
    body: JSON.stringify({ __type: type, message }),
  };
}

/** A successful AWS JSON protocol answer. */
export function awsJsonResult(value: unknown, contentType = 'application/x-amz-json-1.0'): EdgeResponse {
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(value ?? {}) };
}

/** A restJson error (RDS Data API, Lambda): the type in `x-amzn-errortype`, `{"message"}` in the body. */
export function restJsonError(status: number, type: string, message: string, extra: Record<string, unknown> = {}): EdgeResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
    body: JSON.stringify({ message, ...extra }),
  };
}
