import type { IncomingHttpHeaders } from 'node:http';
import type { EdgeResponse } from '../edge/EdgeRequest';
import { s3Error } from './s3Errors';

/** A `.` or `..` path segment: what a file store resolves outside the folder it names. */
const DOT_SEGMENT = /(^|[/\\])\.\.?([/\\]|$)/;

/**
 * Refuses a request that names a bucket, key, copy source, upload or deleted key that a file store
 * would resolve outside its directory. s3rver joins bucket, key and upload id into file paths as
 * given, so with `--data` a key `../../x` writes, reads or deletes files beyond `<data>/s3/objects`.
 * S3 itself treats keys as opaque names and never touches a file; refusing them in memory too
 * keeps both stores alike (they are tested for parity).
 */
export function escapingPathRefusal(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): EdgeResponse | undefined {
  const queryStart = path.indexOf('?');
  const resource = decode(queryStart >= 0 ? path.slice(0, queryStart) : path);
  const query = new URLSearchParams(queryStart >= 0 ? path.slice(queryStart + 1) : '');
  if (resource === undefined) return s3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
  const named = namedPathRefusal(resource.replace(/^\//, ''), 'key');
  if (named !== undefined) return named;
  const copySource = headers['x-amz-copy-source'];
  if (typeof copySource === 'string') {
    const source = decode(copySource.replace(/\?.*$/, ''));
    const refused = source === undefined ? s3Error(400, 'InvalidArgument', 'Invalid copy source encoding') : namedPathRefusal(source.replace(/^\//, ''), 'copy source key');
    if (refused !== undefined) return refused;
  }
  const uploadId = query.get('uploadId');
  if (uploadId !== null && (uploadId === '' || /[/\\]/.test(uploadId) || DOT_SEGMENT.test(uploadId))) {
    return s3Error(404, 'NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
  }
  if (method === 'POST' && query.has('delete')) {
    for (const match of body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)) {
      const key = unescapeXml(match[1] ?? '');
      if (DOT_SEGMENT.test(key)) return dotKey(key, 'key');
    }
  }
  return undefined;
}

/** `bucket/key` of a path or copy source. */
function namedPathRefusal(bucketAndKey: string, what: string): EdgeResponse | undefined {
  const slash = bucketAndKey.indexOf('/');
  const bucket = slash >= 0 ? bucketAndKey.slice(0, slash) : bucketAndKey;
  const key = slash >= 0 ? bucketAndKey.slice(slash + 1) : '';
  if (bucket === '.' || bucket === '..') return s3Error(400, 'InvalidBucketName', `The specified bucket is not valid: '${bucket}'`);
  return DOT_SEGMENT.test(key) ? dotKey(key, what) : undefined;
}

function dotKey(key: string, what: string): EdgeResponse {
  return s3Error(400, 'InvalidArgument', `The ${what} '${key}' has a '.' or '..' segment: the local S3 keeps objects as files and refuses names that would resolve outside its directory`);
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function unescapeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
