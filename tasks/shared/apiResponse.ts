import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ErrorBody } from '../../contracts/apiResponses';
import { corsPolicy } from '../../contracts/apiRoutes';

/** The answer headers a page of the console's origin may read. */
const EXPOSE_HEADERS = corsPolicy().exposeHeaders.join(', ');

/**
 * CORS headers for the console's origin (proxy integrations must answer them themselves).
 * `CORS_ALLOWED_ORIGINS` is a comma-separated list; the request's Origin is echoed when listed.
 */
export function corsHeaders(event: Pick<APIGatewayProxyEvent, 'headers'>, allowed = process.env.CORS_ALLOWED_ORIGINS ?? ''): Record<string, string> {
  const origin = headerOf(event, 'origin');
  const origins = allowed.split(',').map((o) => o.trim()).filter((o) => o !== '');
  if (origin === undefined || !(origins.includes(origin) || origins.includes('*'))) return {};
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Expose-Headers': EXPOSE_HEADERS };
}

/** A JSON answer. */
export function jsonResponse(event: Pick<APIGatewayProxyEvent, 'headers'>, statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', ...corsHeaders(event), ...headers },
    body: JSON.stringify(body),
  };
}

/** An error answer with the contract's body. */
export function errorResponse(event: Pick<APIGatewayProxyEvent, 'headers'>, statusCode: number, body: ErrorBody): APIGatewayProxyResult {
  return jsonResponse(event, statusCode, body);
}

/** A header, case-insensitively (API Gateway passes them as the client sent them). */
export function headerOf(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}
