import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { IncomingHttpHeaders } from 'node:http';
import type { RouteMatch } from './ApiRoute';

/** What the gateway knows of a request when it hands it to a handler. */
export interface ProxyRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly requestId: string;
  readonly apiKey?: string;
  /** The id of the API key the usage plan matched (`requestContext.identity.apiKeyId`). */
  readonly apiKeyId?: string;
  /** Verified token claims, as the Cognito authorizer passes them: every value a string. */
  readonly claims?: Record<string, string>;
}

/** An API Gateway REST proxy event (v1), as a Cognito-authorized Lambda proxy integration receives it. */
export function buildProxyEvent(request: ProxyRequest, match: RouteMatch): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.join(',');
    multiValueHeaders[name] = values;
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of request.url.searchParams) {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
  const hasQuery = Object.keys(query).length > 0;
  const isText = request.body.length === 0 || /json|text|xml|urlencoded/i.test(headers['content-type'] ?? '');
  return {
    resource: match.route.resource,
    path: request.url.pathname,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: match.pathParameters,
    stageVariables: null,
    body: request.body.length === 0 ? null : isText ? request.body.toString('utf8') : request.body.toString('base64'),
    isBase64Encoded: !isText,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: request.claims !== undefined ? { claims: request.claims } : null,
      httpMethod: request.method,
      identity: { sourceIp: request.sourceIp, apiKey: request.apiKey ?? null, apiKeyId: request.apiKeyId ?? null, userAgent: headers['user-agent'] ?? null } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/local${request.url.pathname}`,
      protocol: 'HTTP/1.1',
      requestId: request.requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: match.route.resource,
      stage: 'local',
    },
  };
}

/** Token claims as API Gateway's Cognito authorizer hands them over: strings only. */
export function claimsAsStrings(payload: Record<string, unknown>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    claims[name] = Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return claims;
}
