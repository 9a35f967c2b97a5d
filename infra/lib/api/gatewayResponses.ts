import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { corsPolicy } from '../../../contracts/apiRoutes';

/** The API's own answers (no Lambda ran), in the contract's ErrorBody shape: `{message, code, requestId}`. */
export const GATEWAY_RESPONSES: ReadonlyArray<{ readonly type: apigateway.ResponseType; readonly statusCode: string; readonly code: string; readonly message?: string; readonly headers?: Readonly<Record<string, string>> }> = [
  { type: apigateway.ResponseType.UNAUTHORIZED, statusCode: '401', code: 'Unauthorized' },
  { type: apigateway.ResponseType.EXPIRED_TOKEN, statusCode: '401', code: 'TokenExpired' },
  { type: apigateway.ResponseType.INVALID_API_KEY, statusCode: '403', code: 'InvalidApiKey' },
  { type: apigateway.ResponseType.ACCESS_DENIED, statusCode: '403', code: 'Forbidden' },
  // What API Gateway answers for a method or resource it does not have (there are no IAM-signed
  // methods here to need a token): a 404, as the local gateway and the handlers answer an unknown route.
  { type: apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN, statusCode: '404', code: 'NotFound', message: 'No such route' },
  // API Gateway sends no Retry-After of its own; every plan refills at least a request a second
  // (contracts/usagePlans.ts), so 1 s is the honest wait, as the local gateway answers it.
  { type: apigateway.ResponseType.THROTTLED, statusCode: '429', code: 'Throttled', headers: { 'Retry-After': "'1'" } },
  { type: apigateway.ResponseType.QUOTA_EXCEEDED, statusCode: '429', code: 'QuotaExceeded' },
  { type: apigateway.ResponseType.BAD_REQUEST_BODY, statusCode: '400', code: 'ValidationFailed' },
  { type: apigateway.ResponseType.BAD_REQUEST_PARAMETERS, statusCode: '400', code: 'ValidationFailed' },
  { type: apigateway.ResponseType.DEFAULT_4XX, statusCode: '', code: 'ClientError' },
  { type: apigateway.ResponseType.DEFAULT_5XX, statusCode: '', code: 'InternalError' },
];

/** The mapping template of a gateway response: API Gateway's own message (a quoted JSON string), or ours, in our ErrorBody. */
export function errorBodyTemplate(code: string, message?: string): string {
  return `{"message":${message !== undefined ? JSON.stringify(message) : '$context.error.messageString'},"code":"${code}","requestId":"$context.requestId"}`;
}

/** Adds every gateway response with CORS headers for `allowOrigin`, so browsers can read the error. */
export function addGatewayResponses(api: apigateway.RestApiBase, allowOrigin: string): void {
  for (const response of GATEWAY_RESPONSES) {
    api.addGatewayResponse(`${response.type.responseType}Response`, {
      type: response.type,
      ...(response.statusCode !== '' ? { statusCode: response.statusCode } : {}),
      responseHeaders: {
        'Access-Control-Allow-Origin': `'${allowOrigin}'`,
        'Access-Control-Allow-Headers': `'${corsPolicy().allowHeaders.join(',')}'`,
        Vary: "'Origin'",
        ...response.headers,
      },
      templates: { 'application/json': errorBodyTemplate(response.code, response.message) },
    });
  }
}
