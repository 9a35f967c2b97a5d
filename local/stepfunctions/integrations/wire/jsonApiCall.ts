import { edgeSignedHeaders } from '../../../edge/edgeSignedHeaders';
import type { SdkErrorFacts, ServiceExceptionClass } from '../integrationErrors';
import { isRecord, type CommandResult } from '../sendCommand';
import type { ServiceWire, WireAnswer } from './ServiceWire';

/** How a JSON API is spoken on the wire (AWS JSON 1.0/1.1 with X-Amz-Target, or REST-JSON). */
export interface JsonApi {
  /** The SigV4 signing name the edge routes by (`dynamodb`, `rds-data`). */
  readonly signingName: string;
  readonly contentType: 'application/x-amz-json-1.0' | 'application/x-amz-json-1.1' | 'application/json';
  /** The X-Amz-Target prefix (`DynamoDB_20120810`); absent for REST-JSON APIs. */
  readonly targetPrefix?: string;
  /** The SDK v3 package's exports: a code with a class there is declared by the model. */
  readonly exports: Readonly<Record<string, unknown>>;
  readonly serviceException: ServiceExceptionClass;
}

/** One operation: its X-Amz-Target name (`PutItem`) or, for REST-JSON, its path (`/Execute`). */
export interface JsonOperation {
  readonly name: string;
  readonly path: string;
}

/**
 * A service's error answer, carrying what the SDK would have read from it (see `sdkErrorFacts`),
 * so the integrations name it exactly as they name an SDK exception.
 */
export class WireServiceError extends Error {
  public constructor(public readonly facts: SdkErrorFacts) {
    super(facts.message);
    this.name = facts.code;
  }
}

/**
 * Calls one operation of a JSON API over `wire` with `input` as its JSON body; resolves with the
 * parsed answer and its HTTP status and headers, or rejects with a {@link WireServiceError}.
 */
export async function callJsonApi(wire: ServiceWire, api: JsonApi, operation: JsonOperation, region: string, input: unknown, signal: AbortSignal): Promise<CommandResult> {
  const headers: Record<string, string> = { 'content-type': api.contentType, ...edgeSignedHeaders(api.signingName, region) };
  if (api.targetPrefix !== undefined) headers['x-amz-target'] = `${api.targetPrefix}.${operation.name}`;
  const answer = await wire.exchange({ method: 'POST', rawUrl: operation.path, headers, body: Buffer.from(JSON.stringify(input ?? {}), 'utf8') }, signal);
  if (answer.status >= 300) throw wireServiceError(api, answer);
  return { output: parseBody(answer), http: { statusCode: answer.status, headers: answer.headers } };
}

/** A {@link WireServiceError} for an error answer (status 300 or more) whose body is JSON. */
export function wireServiceError(api: JsonApi, answer: WireAnswer): WireServiceError {
  return new WireServiceError(errorFacts(api, answer, parseBody(answer)));
}

function parseBody(answer: WireAnswer): Record<string, unknown> {
  if (answer.body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(answer.body.toString('utf8'));
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** What the SDK's JSON protocols read from an error answer: code, query code, message, request ids. */
function errorFacts(api: JsonApi, answer: WireAnswer, body: Record<string, unknown>): SdkErrorFacts {
  const rawCode = answer.headers['x-amzn-errortype'] ?? stringField(body, 'code') ?? stringField(body, '__type') ?? 'UnknownError';
  const code = sanitizeErrorCode(rawCode);
  // Query-compatible services (SQS) name their old query code in this header: `AWS.SimpleQueueService.NonExistentQueue;Sender`.
  const queryCode = answer.headers['x-amzn-query-error']?.split(';')[0];
  const requestId = answer.headers['x-amzn-requestid'] ?? answer.headers['x-amzn-request-id'] ?? answer.headers['x-amz-request-id'];
  const extendedRequestId = answer.headers['x-amz-id-2'];
  return {
    code,
    ...(queryCode !== undefined && queryCode !== '' && queryCode !== code ? { queryCode } : {}),
    message: stringField(body, 'message') ?? stringField(body, 'Message') ?? 'UnknownError',
    modeled: isModeledError(api, code),
    statusCode: answer.status,
    ...(requestId !== undefined ? { requestId } : {}),
    ...(extendedRequestId !== undefined ? { extendedRequestId } : {}),
  };
}

/** `com.amazonaws.dynamodb.v20120810#ResourceNotFoundException:http://…` → `ResourceNotFoundException`, as the SDK reads it. */
export function sanitizeErrorCode(raw: string): string {
  let code = raw;
  if (code.includes(',')) code = code.split(',')[0] ?? code;
  if (code.includes(':')) code = code.split(':')[0] ?? code;
  if (code.includes('#')) code = code.split('#')[1] ?? code;
  return code;
}

function isModeledError(api: JsonApi, code: string): boolean {
  const candidate = api.exports[code];
  return typeof candidate === 'function' && candidate.prototype instanceof api.serviceException;
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}
