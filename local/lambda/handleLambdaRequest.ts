import { randomUUID } from 'node:crypto';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import { functionArn, parseFunctionReference } from './functionArns';
import { invokeFunction } from './invokeFunction';
import type { LambdaService } from './LambdaService';
import { functionNotFound, lambdaError, lambdaJson } from './lambdaResponses';
import { handleEventSourceMappingRequest } from './handleEventSourceMappingRequest';
import { remoteFunctionHandler } from './remoteFunction';
import { functionConfiguration, type RegisteredFunction } from './RegisteredFunction';

const FUNCTIONS = /^\/2015-03-31\/functions\/?$/;
const FUNCTION = /^\/2015-03-31\/functions\/([^/]+)\/?$/;
const CONFIGURATION = /^\/2015-03-31\/functions\/([^/]+)\/configuration\/?$/;
const INVOCATIONS = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;
const MAPPINGS = /^\/2015-03-31\/event-source-mappings(\/.*)?$/;

/** Lambda's `X-Amz-Log-Result` carries at most the last 4 KB of the log. */
const LOG_TAIL_BYTES = 4096;

/**
 * Routes one restJson Lambda request (Invoke, ListFunctions, GetFunction, event source mappings).
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
 */
export async function handleLambdaRequest(service: LambdaService, request: EdgeRequest): Promise<EdgeResponse> {
  const path = request.url.pathname;
  const method = request.method.toUpperCase();
  let match: RegExpExecArray | null;
  if ((match = INVOCATIONS.exec(path)) !== null && method === 'POST') return invoke(service, request, decode(match[1]));
  if (FUNCTIONS.test(path) && method === 'GET') return listFunctions(service, request);
  if (FUNCTIONS.test(path) && method === 'POST') return createFunction(service, request);
  if ((match = FUNCTION.exec(path)) !== null && method === 'DELETE') {
    return withFunction(service, request, decode(match[1]), (fn) => {
      service.unregister(fn.name);
      return { status: 204, headers: {} };
    });
  }
  if ((match = FUNCTION.exec(path)) !== null && method === 'GET') {
    return withFunction(service, request, decode(match[1]), (fn) => lambdaJson(200, { Configuration: functionConfiguration(fn, request.accountId), Code: { RepositoryType: 'S3', Location: '' }, Tags: {} }));
  }
  if ((match = CONFIGURATION.exec(path)) !== null && method === 'GET') {
    return withFunction(service, request, decode(match[1]), (fn) => lambdaJson(200, functionConfiguration(fn, request.accountId)));
  }
  const mappings = MAPPINGS.exec(path);
  if (mappings !== null) return handleEventSourceMappingRequest(service, request, mappings[1] ?? '/');
  return lambdaError(400, 'UnknownOperationException', `The local Lambda service does not implement ${method} ${path}`);
}

/**
 * CreateFunction: the local cloud runs no uploaded code, but a container-image function whose
 * image is already running as a Lambda runtime on this machine (`Code.ImageUri` its `http://`
 * URL, the Runtime Interface Emulator's interface) is invoked there: how a process other than the
 * cloud's (a test worker, a function under development) serves its handlers.
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 */
function createFunction(service: LambdaService, request: EdgeRequest): EdgeResponse {
  let body: { FunctionName?: unknown; PackageType?: unknown; Code?: { ImageUri?: unknown }; Timeout?: unknown; MemorySize?: unknown; Description?: unknown; Environment?: { Variables?: unknown } };
  try {
    body = JSON.parse(request.body.toString('utf8')) as typeof body;
  } catch {
    return lambdaError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
  }
  const name = typeof body.FunctionName === 'string' ? body.FunctionName : '';
  const imageUri = body.Code?.ImageUri;
  if (body.PackageType !== 'Image' || typeof imageUri !== 'string' || !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+(\/|$)/.test(imageUri)) {
    return lambdaError(400, 'InvalidParameterValueException', 'The local cloud does not run uploaded code: register an in-process handler with LambdaService.register(name, handler), or create an Image function whose Code.ImageUri is the http://127.0.0.1 URL of a Lambda runtime serving it.');
  }
  if (parseFunctionReference(name)?.name !== name) return lambdaError(400, 'ValidationException', `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint`);
  if (service.getFunction(name) !== undefined) return lambdaError(409, 'ResourceConflictException', `Function already exist: ${name}`);
  const variables = body.Environment?.Variables;
  const fn = service.register(name, remoteFunctionHandler(imageUri), {
    timeoutSeconds: typeof body.Timeout === 'number' ? body.Timeout : 3,
    memoryMb: typeof body.MemorySize === 'number' ? body.MemorySize : 128,
    description: typeof body.Description === 'string' ? body.Description : '',
    environment: typeof variables === 'object' && variables !== null ? Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {},
  });
  return lambdaJson(201, { ...functionConfiguration(fn, request.accountId), PackageType: 'Image' });
}

async function invoke(service: LambdaService, request: EdgeRequest, reference: string): Promise<EdgeResponse> {
  return withFunction(service, request, reference, async (fn, invokedArn) => {
    const invocationType = header(request, 'x-amz-invocation-type') ?? 'RequestResponse';
    if (invocationType !== 'RequestResponse' && invocationType !== 'Event' && invocationType !== 'DryRun') {
      return lambdaError(400, 'InvalidParameterValueException', `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`);
    }
    const text = request.body.toString('utf8');
    let event: unknown = {};
    if (text.trim() !== '') {
      try {
        event = JSON.parse(text);
      } catch (error) {
        return lambdaError(400, 'InvalidRequestContentException', `Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (invocationType === 'DryRun') return { status: 204, headers: { 'x-amz-executed-version': '$LATEST' } };
    if (invocationType === 'Event') {
      service.invokeAsync(fn, event, invokedArn);
      return { status: 202, headers: { 'x-amzn-requestid': randomUUID() } };
    }
    const result = await invokeFunction(fn, event, service.context.clock, invokedArn);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-amz-executed-version': '$LATEST',
      'x-amzn-requestid': result.requestId,
    };
    if (result.functionError !== undefined) headers['x-amz-function-error'] = result.functionError;
    if (header(request, 'x-amz-log-type') === 'Tail') headers['x-amz-log-result'] = logTail(result.logLines);
    return { status: 200, headers, body: result.payload };
  });
}

function listFunctions(service: LambdaService, request: EdgeRequest): EdgeResponse {
  const all = service.listFunctions();
  const marker = request.url.searchParams.get('Marker');
  const maxItems = Math.min(Math.max(Number(request.url.searchParams.get('MaxItems') ?? '50') || 50, 1), 10000);
  const start = marker !== null ? Math.max(0, all.findIndex((fn) => fn.name === marker)) : 0;
  const page = all.slice(start, start + maxItems);
  const next = all[start + maxItems];
  return lambdaJson(200, {
    Functions: page.map((fn) => functionConfiguration(fn, request.accountId)),
    ...(next !== undefined ? { NextMarker: next.name } : {}),
  });
}

async function withFunction(
  service: LambdaService,
  request: EdgeRequest,
  reference: string,
  run: (fn: RegisteredFunction, invokedArn: string) => EdgeResponse | Promise<EdgeResponse>,
): Promise<EdgeResponse> {
  const parsed = parseFunctionReference(reference);
  if (parsed === undefined) {
    return lambdaError(400, 'ValidationException', `1 validation error detected: Value '${reference}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`);
  }
  const qualifier = parsed.qualifier ?? request.url.searchParams.get('Qualifier') ?? undefined;
  const baseArn = functionArn(request.region, request.accountId, parsed.name);
  const invokedArn = qualifier !== undefined ? `${baseArn}:${qualifier}` : baseArn;
  const fn = service.getFunction(parsed.name);
  // Only $LATEST exists locally: no published versions or aliases.
  if (fn === undefined || (qualifier !== undefined && qualifier !== '$LATEST')) return functionNotFound(invokedArn);
  return run(fn, invokedArn);
}

/** Base64 of the last 4 KB of the invocation's log. */
function logTail(lines: readonly string[]): string {
  const log = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  return log.subarray(Math.max(0, log.length - LOG_TAIL_BYTES)).toString('base64');
}

function header(request: EdgeRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return segment ?? '';
  }
}

