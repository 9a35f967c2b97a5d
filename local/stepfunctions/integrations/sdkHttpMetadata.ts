import type { CommandResult } from './sendCommand';
import { isRecord } from './sendCommand';

/** `SdkHttpMetadata` as optimized integrations return it (the Java SDK's view of the HTTP answer). */
export interface SdkHttpMetadata {
  readonly AllHttpHeaders: Readonly<Record<string, readonly string[]>>;
  readonly HttpHeaders: Readonly<Record<string, string>>;
  readonly HttpStatusCode: number;
}

/** The two metadata fields optimized integrations add to every result. */
export interface SdkMetadataFields {
  readonly SdkHttpMetadata: SdkHttpMetadata;
  readonly SdkResponseMetadata: { readonly RequestId: string };
}

// Node lower-cases header names; AWS shows these as the services send them.
const HEADER_SPELLING: Readonly<Record<string, string>> = {
  'content-length': 'Content-Length',
  'content-type': 'Content-Type',
  date: 'Date',
  'x-amzn-requestid': 'x-amzn-RequestId',
  'x-amz-crc32': 'x-amz-crc32',
  'x-amz-request-id': 'x-amz-request-id',
  connection: 'Connection',
  server: 'Server',
};

/**
 * The `SdkHttpMetadata` and `SdkResponseMetadata` that optimized integrations (DynamoDB, SQS,
 * Lambda, Step Functions) put next to the API's own fields.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html
 */
export function sdkMetadataFields(result: CommandResult): SdkMetadataFields {
  const metadata = isRecord(result.output.$metadata) ? result.output.$metadata : {};
  const headers: Record<string, string> = {};
  const allHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(result.http?.headers ?? {})) {
    const spelled = HEADER_SPELLING[name] ?? name;
    headers[spelled] = value;
    allHeaders[spelled] = [value];
  }
  const statusCode = result.http?.statusCode ?? (typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : 200);
  const requestId = typeof metadata.requestId === 'string' ? metadata.requestId : (headers['x-amzn-RequestId'] ?? '');
  return {
    SdkHttpMetadata: { AllHttpHeaders: allHeaders, HttpHeaders: headers, HttpStatusCode: statusCode },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
