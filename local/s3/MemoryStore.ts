import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import S3Bucket from 's3rver/lib/models/bucket';
import { getConfigModel, type S3Config } from 's3rver/lib/models/config';
import S3Object from 's3rver/lib/models/object';

type Metadata = Record<string, string | number>;

interface StoredObject {
  readonly content: Buffer;
  /** The allowed metadata headers and x-amz-meta-*, as the filesystem store keeps them in its JSON. */
  readonly metadata: Metadata;
  readonly md5: string;
  readonly modified: Date;
}

interface Bucket {
  readonly created: Date;
  readonly objects: Map<string, StoredObject>;
  /** Bucket subresources (cors, website) and object ones (`{key}\n{type}`, e.g. tagging), as XML. */
  readonly subresources: Map<string, string>;
  readonly uploads: Map<string, { readonly key: string; readonly metadata: Metadata; readonly parts: Map<number, { readonly content: Buffer; readonly md5: string }> }>;
}

/** What s3rver's filesystem store keeps of an object's headers (`putMetadata`). */
const KEPT_METADATA = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'content-type', 'expires', 'x-amz-storage-class', 'x-amz-website-redirect-location'];

/**
 * s3rver's store API (`lib/stores/filesystem.js`) over memory, for a cloud that keeps no data:
 * the same models, metadata, ETags and listing rules as the filesystem store, without the
 * directories, three files per object and their system calls. s3rver's controllers and the
 * fast path both use it, so they see the same objects.
 */
export class MemoryStore {
  private readonly buckets = new Map<string, Bucket>();

  public reset(): void {
    this.buckets.clear();
  }

  public async listBuckets(): Promise<S3Bucket[]> {
    return [...this.buckets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, bucket]) => new S3Bucket(name, bucket.created));
  }

  public async getBucket(name: string): Promise<S3Bucket | null> {
    const bucket = this.buckets.get(name);
    return bucket === undefined ? null : new S3Bucket(name, bucket.created);
  }

  public async putBucket(name: string): Promise<S3Bucket | null> {
    if (!this.buckets.has(name)) this.buckets.set(name, { created: new Date(), objects: new Map(), subresources: new Map(), uploads: new Map() });
    return this.getBucket(name);
  }

  public async deleteBucket(name: string): Promise<void> {
    this.buckets.delete(name);
  }

  public async listObjects(name: string, options: { readonly delimiter?: string; readonly startAfter?: string; readonly prefix?: string; readonly maxKeys?: number }): Promise<{ objects: S3Object[]; commonPrefixes: string[]; isTruncated: boolean }> {
    const { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity } = options;
    const bucket = this.buckets.get(name);
    const commonPrefixes = new Set<string>();
    const objects: S3Object[] = [];
    let isTruncated = false;
    for (const key of [...(bucket?.objects.keys() ?? [])].sort()) {
      if (key <= startAfter || !key.startsWith(prefix)) continue;
      if (delimiter !== '') {
        const index = key.slice(prefix.length).indexOf(delimiter);
        if (index !== -1) {
          commonPrefixes.add(key.slice(0, prefix.length + index + 1));
          continue;
        }
      }
      if (objects.length >= maxKeys) {
        isTruncated = true;
        break;
      }
      const stored = bucket?.objects.get(key);
      if (stored !== undefined) objects.push(new S3Object(name, key, null, fullMetadata(stored)));
    }
    return { objects, commonPrefixes: [...commonPrefixes].sort(), isTruncated };
  }

  public async existsObject(bucket: string, key: string): Promise<boolean> {
    return this.buckets.get(bucket)?.objects.has(key) === true;
  }

  /** The object with a stream of its bytes (or of `start`-`end`); `content` null when the range is not satisfiable. */
  public async getObject(bucket: string, key: string, options?: { readonly start?: number; readonly end?: number }): Promise<S3Object | null> {
    const stored = this.buckets.get(bucket)?.objects.get(key);
    if (stored === undefined) return null;
    const metadata = fullMetadata(stored);
    const lastByte = Math.max(0, stored.content.length - 1);
    // As the filesystem store reads them, `||` included (an `end` of 0 means the whole object there too).
    const ranged = options !== undefined && (options.start !== undefined || Boolean(options.end));
    const range = { start: options?.start || 0, end: Math.min(options?.end || Infinity, lastByte) };
    const satisfiable = !(range.start < 0 || Math.min(range.end, lastByte) < range.start);
    const content = satisfiable ? Readable.from([stored.content.subarray(range.start, range.end + 1)], { objectMode: false }) : null;
    const object = new S3Object(bucket, key, content, metadata);
    if (ranged) object.range = range;
    return object;
  }

  public async putObject(object: { readonly bucket: string; readonly key: string; readonly content: Buffer | NodeJS.ReadableStream | null; readonly metadata: Metadata }): Promise<{ size: number; md5: string }> {
    const content = await bytesOf(object.content);
    const md5 = crypto.createHash('md5').update(content).digest('hex');
    this.requireBucket(object.bucket).objects.set(object.key, { content, md5, metadata: keptMetadata(object.metadata), modified: new Date() });
    return { size: content.length, md5 };
  }

  public async copyObject(srcBucket: string, srcKey: string, destBucket: string, destKey: string, replacementMetadata: Metadata | null): Promise<Metadata> {
    const source = this.buckets.get(srcBucket)?.objects.get(srcKey);
    if (source === undefined) throw Object.assign(new Error(`ENOENT: no such object ${srcBucket}/${srcKey}`), { code: 'ENOENT' });
    const metadata = replacementMetadata !== null ? keptMetadata(replacementMetadata) : source.metadata;
    const copy: StoredObject = { content: source.content, md5: source.md5, metadata, modified: new Date() };
    this.requireBucket(destBucket).objects.set(destKey, copy);
    return fullMetadata(copy);
  }

  public async deleteObject(bucket: string, key: string): Promise<void> {
    this.buckets.get(bucket)?.objects.delete(key);
  }

  public async initiateUpload(bucket: string, key: string, uploadId: string, metadata: Metadata): Promise<void> {
    this.requireBucket(bucket).uploads.set(uploadId, { key, metadata: { ...metadata }, parts: new Map() });
  }

  public async putPart(bucket: string, uploadId: string, partNumber: number | string, content: NodeJS.ReadableStream): Promise<{ size: number; md5: string }> {
    const upload = this.requireBucket(bucket).uploads.get(uploadId);
    if (upload === undefined) throw Object.assign(new Error(`ENOENT: no such upload ${uploadId}`), { code: 'ENOENT' });
    const bytes = await bytesOf(content);
    const md5 = crypto.createHash('md5').update(bytes).digest('hex');
    upload.parts.set(Number(partNumber), { content: bytes, md5 });
    return { size: bytes.length, md5 };
  }

  public async putObjectMultipart(bucket: string, uploadId: string, parts: ReadonlyArray<{ readonly number: number | string }>): Promise<{ size: number; md5: string }> {
    const store = this.requireBucket(bucket);
    const upload = store.uploads.get(uploadId);
    if (upload === undefined) throw Object.assign(new Error(`ENOENT: no such upload ${uploadId}`), { code: 'ENOENT' });
    const ordered = [...parts].sort((a, b) => Number(a.number) - Number(b.number));
    const content = Buffer.concat(ordered.map((part) => upload.parts.get(Number(part.number))?.content ?? Buffer.alloc(0)));
    const result = await this.putObject(new S3Object(bucket, upload.key, content, upload.metadata));
    store.uploads.delete(uploadId);
    return result;
  }

  public async getSubresource(bucket: string, key: string | undefined, type: string): Promise<S3Config | null> {
    const xml = this.buckets.get(bucket)?.subresources.get(subresourceKey(key, type));
    const Model = getConfigModel(type);
    return xml === undefined || Model === undefined ? null : new Model(xml);
  }

  public async putSubresource(bucket: string, key: string | undefined, resource: S3Config): Promise<void> {
    this.requireBucket(bucket).subresources.set(subresourceKey(key, resource.type), resource.toXML(2));
  }

  public async deleteSubresource(bucket: string, key: string | undefined, type: string): Promise<void> {
    this.buckets.get(bucket)?.subresources.delete(subresourceKey(key, type));
  }

  private requireBucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    // The filesystem store would fail to write below a missing directory; s3rver checks the bucket first.
    if (bucket === undefined) throw Object.assign(new Error(`ENOENT: no such bucket ${name}`), { code: 'ENOENT' });
    return bucket;
  }
}

function subresourceKey(key: string | undefined, type: string): string {
  return `${key ?? ''}\n${type}`;
}

function keptMetadata(metadata: Readonly<Metadata>): Metadata {
  const kept: Metadata = {};
  for (const [name, value] of Object.entries(metadata)) {
    if (KEPT_METADATA.includes(name) || name.startsWith('x-amz-meta-')) kept[name] = value;
  }
  return kept;
}

/** What the filesystem store's `getMetadata` answers: the kept headers plus ETag, Last-Modified (whole seconds) and length. */
function fullMetadata(stored: StoredObject): Metadata {
  return { ...stored.metadata, etag: JSON.stringify(stored.md5), 'last-modified': stored.modified.toUTCString(), 'content-length': stored.content.length };
}

async function bytesOf(content: Buffer | NodeJS.ReadableStream | null): Promise<Buffer> {
  if (content === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(content)) return content;
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
