import type { Readable } from 'node:stream';
import type S3rver from 's3rver';
import S3Object from 's3rver/lib/models/object';
import type { EdgeResponse } from '../edge/EdgeRequest';
import type { ForwardedRequest } from './forwardHttp';

type S3rverStore = S3rver['store'];
type StoredObject = NonNullable<Awaited<ReturnType<S3rverStore['getObject']>>>;

/** Keys made of these characters mean the same encoded and decoded: no doubt about what s3rver would store. */
const PLAIN_KEY = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** The `x-amz-*` headers a plain SDK PutObject/GetObject/HeadObject carries; any other sends the request to s3rver. */
const PLAIN_AMZ_HEADER = /^x-amz-(?:date|content-sha256|user-agent|checksum-(?:crc32|crc32c|crc64nvme|sha1|sha256|mode)|sdk-checksum-algorithm|meta-.+)$/;
/** Conditional, ranged or cross-origin requests: s3rver's own logic answers them. */
const SPECIAL_HEADERS = ['origin', 'range', 'if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since', 'content-md5'];

/**
 * Serves the plain object requests that make up nearly all S3 traffic — a SigV4-signed PutObject,
 * GetObject or HeadObject of an existing object, with a simple key and no conditions, ranges,
 * CORS, copy, tagging or subresource — straight from s3rver's store, with the answer s3rver
 * gives (same headers, same ETag). It skips s3rver's HTTP hop and its per-request middleware
 * (CORS and website lookups on disk, signature parsing, logging). Anything else, and every
 * error case, goes to s3rver, which stays the only implementation of S3's semantics.
 */
export class S3FastPath {
  /** Buckets seen to exist; forgotten whenever a bucket may have been deleted. */
  private readonly knownBuckets = new Set<string>();

  public constructor(private readonly store: S3rverStore) {}

  /** The answer to `request` (already made s3rver-ready), or undefined when s3rver must answer it. */
  public async tryHandle(request: ForwardedRequest): Promise<EdgeResponse | undefined> {
    const { method, headers } = request;
    if (method === 'DELETE') {
      // DeleteBucket (or anything else deleting) goes to s3rver; stop trusting what was known.
      this.forgetBuckets();
      return undefined;
    }
    if (method !== 'PUT' && method !== 'GET' && method !== 'HEAD') return undefined;
    const target = plainObjectTarget(request.path);
    if (target === undefined || !isPlainSdkRequest(headers)) return undefined;
    if (method !== 'PUT' && request.body.length > 0) return undefined;
    if (!(await this.bucketExists(target.bucket))) return undefined;
    return method === 'PUT' ? this.put(target.bucket, target.key, request) : this.get(target.bucket, target.key, method === 'HEAD');
  }

  /** Forgets which buckets exist: called around every request that may delete one. */
  public forgetBuckets(): void {
    this.knownBuckets.clear();
  }

  private async put(bucket: string, key: string, request: ForwardedRequest): Promise<EdgeResponse> {
    const { md5 } = await this.store.putObject(new S3Object(bucket, key, request.body, headerStrings(request.headers)));
    return { status: 200, headers: { etag: JSON.stringify(md5), 'content-type': 'text/plain; charset=utf-8', 'content-length': '0' }, body: '' };
  }

  private async get(bucket: string, key: string, head: boolean): Promise<EdgeResponse | undefined> {
    const object = await this.store.getObject(bucket, key);
    if (object === null || object.content === null) return undefined;
    const body = head ? discard(object.content) : await readAll(object.content);
    // s3rver's getObject: Accept-Ranges, then every stored metadata header, the length last.
    const headers: Record<string, string> = { 'accept-ranges': 'bytes' };
    for (const [name, value] of Object.entries(object.metadata)) headers[name] = String(value);
    headers['content-length'] = String(sizeOf(object));
    return { status: 200, headers, body };
  }

  private async bucketExists(bucket: string): Promise<boolean> {
    if (this.knownBuckets.has(bucket)) return true;
    const found = await this.store.getBucket(bucket);
    if (found === undefined || found === null) return false;
    this.knownBuckets.add(bucket);
    return true;
  }
}

/** `/bucket/key` or `/bucket/key?x-id=Operation`, with a plain bucket name and key. */
function plainObjectTarget(path: string): { readonly bucket: string; readonly key: string } | undefined {
  const queryStart = path.indexOf('?');
  if (queryStart >= 0 && !/^x-id=[A-Za-z]+$/.test(path.slice(queryStart + 1))) return undefined;
  const resource = queryStart >= 0 ? path.slice(0, queryStart) : path;
  const slash = resource.indexOf('/', 1);
  if (!resource.startsWith('/') || slash < 0) return undefined;
  const bucket = resource.slice(1, slash);
  const key = resource.slice(slash + 1);
  if (!BUCKET.test(bucket) || !PLAIN_KEY.test(key) || key.split('/').some((part) => part === '.' || part === '..')) return undefined;
  return { bucket, key };
}

function isPlainSdkRequest(headers: ForwardedRequest['headers']): boolean {
  const authorization = headers.authorization;
  if (typeof authorization !== 'string' || !authorization.startsWith('AWS4-HMAC-SHA256 ')) return false;
  for (const name of Object.keys(headers)) {
    if (name.startsWith('x-amz-') && !PLAIN_AMZ_HEADER.test(name)) return false;
  }
  return SPECIAL_HEADERS.every((name) => headers[name] === undefined);
}

function headerStrings(headers: ForwardedRequest['headers']): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = typeof value === 'number' ? String(value) : value;
  return out;
}

function sizeOf(object: StoredObject): number {
  return Number(object.metadata['content-length']);
}

function discard(content: Readable | Buffer): Buffer {
  if (!Buffer.isBuffer(content)) content.destroy();
  return Buffer.alloc(0);
}

async function readAll(content: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content;
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
