import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import { eventSourceMappingConfiguration, parseQueueArn, type EventSourceMappingConfig } from './EventSourceMappingConfig';
import { functionArn, parseFunctionReference } from './functionArns';
import type { LambdaService } from './LambdaService';
import { functionNotFound, lambdaError, lambdaJson } from './lambdaResponses';

/**
 * CreateEventSourceMapping, ListEventSourceMappings, GetEventSourceMapping,
 * UpdateEventSourceMapping and DeleteEventSourceMapping, for SQS sources only.
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 */
export async function handleEventSourceMappingRequest(service: LambdaService, request: EdgeRequest, subPath: string): Promise<EdgeResponse> {
  const method = request.method.toUpperCase();
  const uuid = decodeURIComponent(subPath.replace(/^\/|\/$/g, ''));
  const mappings = service.eventSourceMappings;
  await mappings.load();
  if (uuid === '') {
    if (method === 'POST') return create(service, request);
    if (method === 'GET') {
      const eventSourceArn = request.url.searchParams.get('EventSourceArn') ?? undefined;
      const functionName = request.url.searchParams.get('FunctionName') ?? undefined;
      const name = functionName !== undefined ? parseFunctionReference(functionName)?.name ?? functionName : undefined;
      const list = mappings.list({ eventSourceArn, functionName: name });
      return lambdaJson(200, { EventSourceMappings: list.map((m) => describe(service, m)) });
    }
  } else {
    const mapping = mappings.get(uuid);
    if (mapping === undefined) return lambdaError(404, 'ResourceNotFoundException', `The resource you requested does not exist. (Service: Lambda, Status Code: 404, Request ID: ${uuid})`);
    if (method === 'GET') return lambdaJson(200, describe(service, mapping));
    if (method === 'PUT') return update(service, request, mapping);
    if (method === 'DELETE') {
      await mappings.delete(uuid);
      return lambdaJson(202, eventSourceMappingConfiguration(mapping, 'Deleting', mappings.lastProcessingResult(uuid)));
    }
  }
  return lambdaError(400, 'UnknownOperationException', `The local Lambda service does not implement ${method} ${request.url.pathname}`);
}

async function create(service: LambdaService, request: EdgeRequest): Promise<EdgeResponse> {
  const body = parseBody(request);
  if (body === undefined) return lambdaError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
  const eventSourceArn = body.EventSourceArn;
  if (typeof eventSourceArn !== 'string' || parseQueueArn(eventSourceArn) === undefined) {
    return lambdaError(400, 'InvalidParameterValueException', `The local cloud supports event source mappings for SQS queues only (an arn:aws:sqs:region:account:queue ARN); got ${JSON.stringify(eventSourceArn)}`);
  }
  const settings = readSettings(service, request, body, { batchSize: 10, maximumBatchingWindowInSeconds: 0, functionResponseTypes: [] });
  if ('status' in settings) return settings;
  if (settings.functionName === undefined) return lambdaError(400, 'InvalidParameterValueException', 'FunctionName must be a function name or ARN');
  const mapping = await service.eventSourceMappings.create({
    eventSourceArn,
    functionName: settings.functionName,
    batchSize: settings.batchSize,
    maximumBatchingWindowInSeconds: settings.maximumBatchingWindowInSeconds,
    functionResponseTypes: settings.functionResponseTypes,
    enabled: body.Enabled !== false,
  });
  return lambdaJson(202, eventSourceMappingConfiguration(mapping, 'Creating', undefined));
}

async function update(service: LambdaService, request: EdgeRequest, current: EventSourceMappingConfig): Promise<EdgeResponse> {
  const body = parseBody(request);
  if (body === undefined) return lambdaError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
  const settings = readSettings(service, request, body, current);
  if ('status' in settings) return settings;
  const enabled = typeof body.Enabled === 'boolean' ? body.Enabled : current.enabled;
  const updated = await service.eventSourceMappings.update(current.uuid, {
    ...(settings.functionName !== undefined ? { functionName: settings.functionName } : {}),
    batchSize: settings.batchSize,
    maximumBatchingWindowInSeconds: settings.maximumBatchingWindowInSeconds,
    functionResponseTypes: settings.functionResponseTypes,
    enabled,
  });
  if (updated === undefined) return lambdaError(404, 'ResourceNotFoundException', 'The resource you requested does not exist.');
  const state = enabled === current.enabled ? 'Updating' : enabled ? 'Enabling' : 'Disabling';
  return lambdaJson(202, eventSourceMappingConfiguration(updated, state, service.eventSourceMappings.lastProcessingResult(updated.uuid)));
}

interface MappingSettings {
  readonly functionName?: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly functionResponseTypes: readonly string[];
}

/** Reads and checks FunctionName, BatchSize, MaximumBatchingWindowInSeconds and FunctionResponseTypes over `defaults`. */
function readSettings(service: LambdaService, request: EdgeRequest, body: Record<string, unknown>, defaults: MappingSettings): MappingSettings | EdgeResponse {
  let functionName: string | undefined;
  if (body.FunctionName !== undefined) {
    const reference = typeof body.FunctionName === 'string' ? parseFunctionReference(body.FunctionName) : undefined;
    if (reference === undefined) return lambdaError(400, 'InvalidParameterValueException', 'FunctionName must be a function name or ARN');
    if (service.getFunction(reference.name) === undefined) return functionNotFound(functionArn(request.region, request.accountId, reference.name));
    functionName = reference.name;
  }
  const window = body.MaximumBatchingWindowInSeconds ?? defaults.maximumBatchingWindowInSeconds;
  if (typeof window !== 'number' || !Number.isInteger(window) || window < 0 || window > 300) {
    return lambdaError(400, 'InvalidParameterValueException', 'MaximumBatchingWindowInSeconds must be an integer between 0 and 300');
  }
  const batchSize = body.BatchSize ?? defaults.batchSize;
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10000) {
    return lambdaError(400, 'InvalidParameterValueException', 'BatchSize must be an integer between 1 and 10000');
  }
  if (batchSize > 10 && window < 1) {
    return lambdaError(400, 'InvalidParameterValueException', 'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  }
  const responseTypes = body.FunctionResponseTypes ?? defaults.functionResponseTypes;
  if (!Array.isArray(responseTypes) || responseTypes.some((t) => t !== 'ReportBatchItemFailures')) {
    return lambdaError(400, 'InvalidParameterValueException', "FunctionResponseTypes may only contain 'ReportBatchItemFailures'");
  }
  return { ...(functionName !== undefined ? { functionName } : {}), batchSize, maximumBatchingWindowInSeconds: window, functionResponseTypes: responseTypes as string[] };
}

function parseBody(request: EdgeRequest): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(request.body.toString('utf8') || '{}');
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function describe(service: LambdaService, mapping: EventSourceMappingConfig): Record<string, unknown> {
  return eventSourceMappingConfiguration(mapping, mapping.enabled ? 'Enabled' : 'Disabled', service.eventSourceMappings.lastProcessingResult(mapping.uuid));
}

