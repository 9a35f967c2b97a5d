import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import { AwsChunkedError, decodeAwsChunked } from './decodeAwsChunked';
import { escapingPathRefusal } from './escapingPathRefusal';
import { forwardableHeaders, type ForwardedRequest } from './forwardHttp';
import { s3Error } from './s3Errors';
import { verifyChecksum } from './verifyChecksum';

/** The only access key id s3rver knows; its signatures are not checked (allowMismatchedSignatures). */
export const S3RVER_ACCESS_KEY = 'S3RVER';

const VHOST = /^([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.localhost(?::\d+)?$/;

/** A request ready for s3rver, and the checksums S3 would echo in its answer. */
export interface PreparedS3Request {
  readonly forward: ForwardedRequest;
  /** The verified `x-amz-checksum-<algorithm>` values, which S3 returns on PutObject/UploadPart. */
  readonly checksums: Readonly<Record<string, string>>;
}

/**
 * Turns a client's S3 request into one s3rver stores correctly: any access key is swapped for
 * s3rver's (in `Authorization` and presigned query strings alike), an `aws-chunked` body (what
 * the SDK sends for streams, with a checksum trailer) is decoded and its checksum checked, and a
 * virtual-host request to `<bucket>.localhost` becomes path style, and names that would leave the
 * store's directory are refused.
 */
export function prepareS3Request(request: EdgeRequest, internalHost: string): PreparedS3Request | EdgeResponse {
  let body = request.body;
  const headers = { ...request.headers };
  let checksums: Record<string, string> = {};
  if (isAwsChunked(headers['content-encoding'], headers['x-amz-content-sha256'])) {
    let decoded;
    try {
      decoded = decodeAwsChunked(body);
    } catch (error) {
      if (error instanceof AwsChunkedError) return s3Error(400, 'IncompleteBody', `The aws-chunked request body is malformed: ${error.message}`);
      throw error;
    }
    const declared = headers['x-amz-decoded-content-length'];
    if (typeof declared === 'string' && Number(declared) !== decoded.data.length) {
      return s3Error(400, 'IncompleteBody', `You did not provide the number of bytes specified by the x-amz-decoded-content-length header (${declared}); got ${decoded.data.length}`);
    }
    const mismatch = verifyChecksum(decoded.trailers, decoded.data);
    if (mismatch !== undefined) return s3Error(400, 'BadDigest', `The ${mismatch.algorithm} you specified did not match the calculated checksum.`);
    body = decoded.data;
    checksums = checksumValues(decoded.trailers);
    const encodings = String(headers['content-encoding'] ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '' && e !== 'aws-chunked');
    if (encodings.length > 0) headers['content-encoding'] = encodings.join(', ');
    else delete headers['content-encoding'];
    delete headers['x-amz-decoded-content-length'];
    delete headers['x-amz-trailer'];
    headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  } else if (request.method === 'PUT') {
    const mismatch = verifyChecksum(headers, body);
    if (mismatch !== undefined) return s3Error(400, 'BadDigest', `The ${mismatch.algorithm} you specified did not match the calculated checksum.`);
    checksums = checksumValues(headers);
  }
  if (typeof headers.authorization === 'string') headers.authorization = withS3rverKey(headers.authorization);
  const path = pathStyle(request.rawUrl, headers.host);
  const escaping = escapingPathRefusal(request.method, path, headers, body);
  if (escaping !== undefined) return escaping;
  const forward = { method: request.method, path, headers: forwardableHeaders(headers, internalHost, body.length), body };
  return { forward, checksums };
}

function checksumValues(values: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const checksums: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (/^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/.test(name) && typeof value === 'string') checksums[name] = value.trim();
  }
  return checksums;
}

function isAwsChunked(contentEncoding: string | string[] | undefined, contentSha256: string | string[] | undefined): boolean {
  const encodings = String(contentEncoding ?? '').split(',').map((e) => e.trim().toLowerCase());
  return encodings.includes('aws-chunked') || String(contentSha256 ?? '').startsWith('STREAMING-');
}

/** `AWS4-HMAC-SHA256 Credential=<key>/…` and V2 `AWS <key>:<signature>` with s3rver's key. */
function withS3rverKey(authorization: string): string {
  return authorization
    .replace(/Credential=[^/,\s]+\//, `Credential=${S3RVER_ACCESS_KEY}/`)
    .replace(/^AWS [^:\s]+:/, `AWS ${S3RVER_ACCESS_KEY}:`);
}

/** The raw target with presigned credentials swapped and a vhost bucket moved into the path. */
function pathStyle(rawUrl: string, host: string | undefined): string {
  const queryStart = rawUrl.indexOf('?');
  let path = queryStart >= 0 ? rawUrl.slice(0, queryStart) : rawUrl;
  const query = queryStart >= 0 ? rawUrl.slice(queryStart + 1) : undefined;
  const vhost = host !== undefined ? VHOST.exec(host.toLowerCase()) : null;
  if (vhost !== null) path = `/${vhost[1] ?? ''}${path.startsWith('/') ? path : `/${path}`}`;
  if (query === undefined) return path;
  // Only the key id changes; the rest of the credential (date/region/service) stays as signed.
  const rewritten = query
    .split('&')
    .map((pair) => pair
      .replace(/^(X-Amz-Credential=)[^&]*?(%2F|\/)/i, `$1${S3RVER_ACCESS_KEY}$2`)
      .replace(/^(AWSAccessKeyId=)[^&]*/, `$1${S3RVER_ACCESS_KEY}`))
    .join('&');
  return `${path}?${rewritten}`;
}
