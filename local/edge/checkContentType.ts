import type { IncomingHttpHeaders } from 'node:http';
import { mediaTypeOf, type EdgeProtocol } from './EdgeProtocol';

/** Lambda's Invoke path: its payload is a blob, sent as `application/octet-stream` by the SDK v3, with no type by the CLI. */
const INVOKE_PATH = /^\/2015-03-31\/functions\/[^/]+\/invocations\/?$/;
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const RESTJSON_NAMES = { lambda: 'Lambda', 'rds-data': 'RDS Data API', apigateway: 'API Gateway', scheduler: 'EventBridge Scheduler' } as const;

/**
 * Refuses, with the reason, a request whose shape is not what the AWS SDK v3 and the AWS CLI send
 * for its protocol (measured: see the README's Security section). What a web page can send without
 * a CORS preflight — GET, or POST with `text/plain`, a form encoding, or no type, and no custom
 * header — is refused for every service; `Authorization` is a header a page cannot add unasked.
 */
export function checkContentType(method: string, path: string, headers: IncomingHttpHeaders, protocol: EdgeProtocol): string | undefined {
  const type = mediaTypeOf(headers);
  const got = type === undefined ? 'no Content-Type' : `'${type}'`;
  const signed = headers.authorization !== undefined;
  switch (protocol.kind) {
    case 'awsJson': {
      const wanted = protocol.version === undefined ? ['application/x-amz-json-1.0', 'application/x-amz-json-1.1'] : [`application/x-amz-json-${protocol.version}`];
      if (type !== undefined && wanted.includes(type)) return undefined;
      return `X-Amz-Target requests must be AWS JSON: Content-Type ${wanted.join(' or ')}, as the AWS SDKs and CLI send them; got ${got}`;
    }
    case 'awsQuery':
      if (method === 'POST' && type === 'application/x-www-form-urlencoded' && signed) return undefined;
      return `SQS query actions must be POSTed form-encoded (application/x-www-form-urlencoded) and signed in the Authorization header, as the AWS SDKs and CLI send them; got ${method} with ${got}${signed ? '' : ', unsigned'}`;
    case 'restJson': {
      if (!WITH_BODY.has(method)) return undefined;
      const invoke = protocol.service === 'lambda' && INVOKE_PATH.test(path);
      const wanted = invoke ? ['application/json', 'application/octet-stream'] : ['application/json'];
      if (type !== undefined ? wanted.includes(type) : protocol.service === 'lambda' && signed) return undefined;
      const unsignedNone = protocol.service === 'lambda' ? ' (or none, signed in the Authorization header)' : '';
      return `${RESTJSON_NAMES[protocol.service]} ${method} requests must be sent as Content-Type ${wanted.join(' or ')}${unsignedNone}, as the AWS SDKs and CLI send them; got ${got}`;
    }
    case 'restXml':
      if (method !== 'POST' || signed) return undefined;
      return `S3 POST requests must be signed in the Authorization header, as the AWS SDKs and CLI sign them; an unsigned POST (${got}) is what a web page's form sends`;
  }
}
