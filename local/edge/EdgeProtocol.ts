import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceName } from './EdgeRequest';
import type { Route } from './routeRequest';

/** The wire protocol a request at the edge speaks, which decides what it must look like and how it is refused. */
export type EdgeProtocol =
  /** `X-Amz-Target` + AWS JSON 1.0 or 1.1 (undefined: a service we do not serve, either is fine). */
  | { readonly kind: 'awsJson'; readonly version: '1.0' | '1.1' | undefined }
  /** SQS's query protocol: `Action=` in a form body, XML answers. */
  | { readonly kind: 'awsQuery' }
  /** restJson: paths and JSON bodies (RDS Data API, Lambda, API Gateway's control plane, EventBridge Scheduler). */
  | { readonly kind: 'restJson'; readonly service: 'rds-data' | 'lambda' | 'apigateway' | 'scheduler' }
  /** restXml: S3. */
  | { readonly kind: 'restXml' };

/** The JSON protocol version each service's SDK and CLI send (their Smithy models' `awsJson1_0`/`awsJson1_1`). */
const JSON_VERSIONS: Readonly<Partial<Record<ServiceName, '1.0' | '1.1'>>> = {
  sqs: '1.0',
  states: '1.0',
  dynamodb: '1.0',
  events: '1.1',
  ecs: '1.1',
  secretsmanager: '1.1',
};

/** The protocol of a routed request. */
export function protocolOf(route: Route, headers: IncomingHttpHeaders): EdgeProtocol {
  const service = route.service;
  if (headers['x-amz-target'] !== undefined) return { kind: 'awsJson', version: service === undefined ? undefined : JSON_VERSIONS[service] };
  switch (service) {
    case 'sqs':
      return { kind: 'awsQuery' };
    case 'rds-data':
    case 'lambda':
    case 'apigateway':
    case 'scheduler':
      return { kind: 'restJson', service };
    case 'states':
    case 'dynamodb':
    case 'events':
    case 'ecs':
      return { kind: 'awsJson', version: JSON_VERSIONS[service] };
    case 'secretsmanager':
      return { kind: 'awsJson', version: '1.1' };
    case 's3':
    case undefined:
      return { kind: 'restXml' };
  }
}

/** The media type of a `Content-Type` header, lower-case, without parameters; undefined when absent. */
export function mediaTypeOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['content-type'];
  if (value === undefined) return undefined;
  return value.split(';')[0]?.trim().toLowerCase();
}
