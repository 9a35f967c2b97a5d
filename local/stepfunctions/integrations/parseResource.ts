import { StatesError, STATES_ERRORS } from '../errors/StatesError';
import { AWS_SDK_SERVICES, awsSdkCommandName, isAwsSdkServiceKey } from './awsSdk/awsSdkServices';

/**
 * How a Task state waits for its service call.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html
 */
export type IntegrationPattern = 'REQUEST_RESPONSE' | 'WAIT_FOR_TASK_TOKEN' | 'SYNC';

/** The suffix of a resource ARN that selects the pattern (`.waitForTaskToken`, `.sync`, `.sync:2`). */
export type ResourceCondition = 'waitForTaskToken' | 'sync' | 'sync:2';

/** Which family of integration a resource belongs to. */
export type ResourceKind = 'optimized' | 'aws-sdk' | 'lambda-function' | 'activity';

/** Optimized integrations this engine serves, with the patterns AWS allows for each. */
const OPTIMIZED: Readonly<Record<string, Readonly<Record<string, readonly ResourceCondition[]>>>> = {
  dynamodb: { getItem: [], putItem: [], updateItem: [], deleteItem: [] },
  sqs: { sendMessage: ['waitForTaskToken'] },
  lambda: { invoke: ['waitForTaskToken'] },
  events: { putEvents: ['waitForTaskToken'] },
  states: { startExecution: ['waitForTaskToken', 'sync', 'sync:2'] },
};

/** A Task state's `Resource`, understood. */
export interface ParsedResource {
  readonly kind: ResourceKind;
  /** `resourceType` of the TaskScheduled/TaskStarted/TaskSucceeded events (`sqs`, `aws-sdk:rdsdata`, `states`). */
  readonly resourceType: string;
  /** `resource` of those events: the action with its condition (`sendMessage.waitForTaskToken`), or the ARN for Lambda functions and activities. */
  readonly resource: string;
  readonly pattern: IntegrationPattern;
  readonly condition?: ResourceCondition;
  /** The service as named in the ARN (`dynamodb`, `events`, `states`, or the aws-sdk service such as `rdsdata`). */
  readonly service: string;
  /** The API action in camelCase (`putItem`), or the function/activity ARN. */
  readonly action: string;
  /** The region written in the ARN, when there is one. */
  readonly region?: string;
  /** The Resource string as written in the definition. */
  readonly arn: string;
}

/** Parses a Task state's Resource ARN; throws a StatesError for resources this engine cannot run. */
export function parseResource(resource: string): ParsedResource {
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[1] === '') throw notRecognized(resource);
  const [, , arnService, region = '', account = ''] = parts;
  const regionOrUndefined = region === '' ? undefined : region;

  if (arnService === 'lambda') {
    if (parts[5] !== 'function' || (parts[6] ?? '') === '' || region === '' || account === '') throw notRecognized(resource);
    return { kind: 'lambda-function', resourceType: 'lambda', resource, pattern: 'REQUEST_RESPONSE', service: 'lambda', action: resource, region, arn: resource };
  }
  if (arnService !== 'states') throw notRecognized(resource);
  if (parts[5] === 'activity') {
    if ((parts[6] ?? '') === '' || region === '' || account === '') throw notRecognized(resource);
    return { kind: 'activity', resourceType: 'activity', resource, pattern: 'WAIT_FOR_TASK_TOKEN', service: 'states', action: resource, region, arn: resource };
  }
  if (parts[5] === 'aws-sdk') return parseAwsSdk(resource, parts.slice(6), regionOrUndefined);
  return parseOptimized(resource, parts.slice(5), regionOrUndefined);
}

function parseOptimized(resource: string, rest: readonly string[], region: string | undefined): ParsedResource {
  // rest = ['sqs', 'sendMessage.waitForTaskToken'] or ['states', 'startExecution.sync', '2']
  const [service = '', ...actionParts] = rest;
  const { action, condition } = splitCondition(actionParts.join(':'));
  const allowed = OPTIMIZED[service]?.[action];
  if (allowed === undefined || (condition !== undefined && !allowed.includes(condition))) throw notRecognized(resource);
  return {
    kind: 'optimized',
    resourceType: service,
    resource: condition === undefined ? action : `${action}.${condition}`,
    pattern: patternOf(condition),
    ...(condition !== undefined ? { condition } : {}),
    service,
    action,
    ...(region !== undefined ? { region } : {}),
    arn: resource,
  };
}

function parseAwsSdk(resource: string, rest: readonly string[], region: string | undefined): ParsedResource {
  // rest = ['rdsdata', 'executeStatement'] or ['sqs', 'sendMessage.waitForTaskToken']
  const [service = '', ...actionParts] = rest;
  const { action, condition } = splitCondition(actionParts.join(':'));
  // AWS SDK integrations support Request Response and Wait for Callback, never .sync.
  if (!isAwsSdkServiceKey(service) || (condition !== undefined && condition !== 'waitForTaskToken')) throw notRecognized(resource);
  if (!/^[a-z][A-Za-z0-9]*$/.test(action) || typeof AWS_SDK_SERVICES[service].commands[awsSdkCommandName(action)] !== 'function') {
    throw notRecognized(resource);
  }
  return {
    kind: 'aws-sdk',
    resourceType: `aws-sdk:${service}`,
    resource: condition === undefined ? action : `${action}.${condition}`,
    pattern: patternOf(condition),
    ...(condition !== undefined ? { condition } : {}),
    service,
    action,
    ...(region !== undefined ? { region } : {}),
    arn: resource,
  };
}

function splitCondition(text: string): { action: string; condition?: ResourceCondition } {
  const dot = text.indexOf('.');
  if (dot < 0) return { action: text };
  const suffix = text.slice(dot + 1);
  const action = text.slice(0, dot);
  if (suffix === 'waitForTaskToken' || suffix === 'sync' || suffix === 'sync:2') return { action, condition: suffix };
  // An unknown suffix makes the whole resource unknown.
  return { action: `${action}.${suffix}` };
}

function patternOf(condition: ResourceCondition | undefined): IntegrationPattern {
  if (condition === undefined) return 'REQUEST_RESPONSE';
  return condition === 'waitForTaskToken' ? 'WAIT_FOR_TASK_TOKEN' : 'SYNC';
}

/** AWS's words for a Resource it does not know (CreateStateMachine's SCHEMA_VALIDATION_FAILED detail). */
function notRecognized(resource: string): StatesError {
  return new StatesError(
    STATES_ERRORS.Runtime,
    `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`,
  );
}
