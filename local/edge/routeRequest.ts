import type { IncomingHttpHeaders } from 'node:http';
import { SERVICE_NAMES, type ServiceName } from './EdgeRequest';

/** `X-Amz-Target` prefixes of the JSON-protocol services. */
const TARGET_PREFIXES: Readonly<Record<string, ServiceName>> = {
  AmazonSQS: 'sqs',
  AWSStepFunctions: 'states',
  DynamoDB_20120810: 'dynamodb',
  DynamoDBStreams_20120810: 'dynamodb',
  AWSEvents: 'events',
  AmazonEC2ContainerServiceV20141113: 'ecs',
  secretsmanager: 'secretsmanager',
};

/** Where a request goes and what it asks for. */
export interface Route {
  readonly service?: ServiceName;
  /** The service name the request named, even one the edge does not serve. */
  readonly requested?: string;
  readonly target?: string;
  readonly region?: string;
}

const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;
const QUERY_CREDENTIAL = /^[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request$/;

/**
 * Decides which service a request is for: by `X-Amz-Target`, then by the SigV4 credential scope
 * (header or presigned query), then by the shape of the path for unsigned requests.
 */
export function routeRequest(method: string, url: URL, headers: IncomingHttpHeaders): Route {
  const targetHeader = headerValue(headers['x-amz-target']);
  let scopeRegion: string | undefined;
  let scopeService: string | undefined;
  const auth = headerValue(headers.authorization);
  const scope = auth !== undefined ? CREDENTIAL_SCOPE.exec(auth) : null;
  if (scope !== null) {
    scopeRegion = scope[1];
    scopeService = scope[2];
  } else {
    const queryCredential = url.searchParams.get('X-Amz-Credential');
    const match = queryCredential !== null ? QUERY_CREDENTIAL.exec(queryCredential) : null;
    if (match !== null) {
      scopeRegion = match[1];
      scopeService = match[2];
    }
  }
  if (targetHeader !== undefined) {
    const dot = targetHeader.indexOf('.');
    const prefix = dot >= 0 ? targetHeader.slice(0, dot) : targetHeader;
    const target = dot >= 0 ? targetHeader.slice(dot + 1) : undefined;
    const service = TARGET_PREFIXES[prefix];
    return { service, requested: service ?? prefix, target, region: scopeRegion };
  }
  if (scopeService !== undefined) {
    const service = asServiceName(scopeService === 'execute-api' ? undefined : scopeService);
    return { service, requested: scopeService, region: scopeRegion };
  }
  return { ...routeUnsigned(method, url), region: scopeRegion };
}

function routeUnsigned(method: string, url: URL): Route {
  const path = url.pathname;
  if (path.startsWith('/_local/rds-data/')) return { service: 'rds-data', requested: 'rds-data' };
  if (path.startsWith('/_local/apigateway/')) return { service: 'apigateway', requested: 'apigateway' };
  if (/^\/(Execute|BatchExecute|BeginTransaction|CommitTransaction|RollbackTransaction)$/.test(path) && method === 'POST') {
    return { service: 'rds-data', requested: 'rds-data' };
  }
  if (path.startsWith('/2015-03-31/functions') || path.startsWith('/2015-03-31/event-source-mappings')) return { service: 'lambda', requested: 'lambda' };
  if (/^\/\d{12}\/[^/]+$/.test(path) || url.searchParams.has('Action')) return { service: 'sqs', requested: 'sqs' };
  return { service: 's3', requested: 's3' };
}

function asServiceName(name: string | undefined): ServiceName | undefined {
  return (SERVICE_NAMES as readonly string[]).includes(name ?? '') ? (name as ServiceName) : undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
