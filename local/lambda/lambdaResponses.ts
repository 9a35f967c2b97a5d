import type { EdgeResponse } from '../edge/EdgeRequest';
import { restJsonError } from '../edge/awsErrors';

/**
 * Lambda's error shape: status, `x-amzn-errortype`, body `{"Type": "User", "message"}`.
 * @see https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html
 */
export function lambdaError(status: number, type: string, message: string): EdgeResponse {
  return restJsonError(status, type, message, { Type: status >= 500 ? 'Service' : 'User' });
}

/** `ResourceNotFoundException` for a function that is not registered. */
export function functionNotFound(arn: string): EdgeResponse {
  return lambdaError(404, 'ResourceNotFoundException', `Function not found: ${arn}`);
}

/** A restJson success answer. */
export function lambdaJson(status: number, value: unknown): EdgeResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
