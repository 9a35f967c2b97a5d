import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketCorsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketCorsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createLogger } from '../../../local/createLogger';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';

type Outcome = Record<string, unknown>;

/** One S3 call's answer without what differs run to run (dates, owner, the port in locations). */
async function outcome(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = (await call()) as Record<string, unknown>;
    const { $metadata, LastModified, Body, ...rest } = result;
    void $metadata;
    void LastModified;
    const body = Body !== undefined ? await (Body as { transformToString(): Promise<string> }).transformToString() : undefined;
    return JSON.parse(JSON.stringify({ ...rest, ...(body !== undefined ? { body } : {}) }, (key, value: unknown) => (key === 'LastModified' || key === 'CreationDate' || key === 'Owner' ? undefined : key === 'Location' && typeof value === 'string' ? value.replace(/:\d+\//, ':PORT/') : value))) as Outcome;
  } catch (error) {
    return { error: error instanceof Error ? error.name : String(error) };
  }
}

/** The same script of calls, answered by one S3. */
async function script(s3: S3Client): Promise<Outcome[]> {
  const out: Outcome[] = [];
  const record = async (call: () => Promise<unknown>): Promise<void> => {
    out.push(await outcome(call));
  };
  await record(() => s3.send(new CreateBucketCommand({ Bucket: 'docs' })));
  await record(() => s3.send(new CreateBucketCommand({ Bucket: 'other' })));
  for (const key of ['xml/2.xml', 'xml/1.xml', 'nfse/1.xml', 'nfse/deep/1.xml', 'top.txt']) {
    await record(() => s3.send(new PutObjectCommand({ Bucket: 'docs', Key: key, Body: `<${key}/>`, ContentType: 'application/xml', Metadata: { invoiceid: key } })));
  }
  await record(() => s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'plain.bin', Body: Buffer.from([1, 2, 3]) })));
  await record(() => s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'xml/1.xml' })));
  await record(() => s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'plain.bin' })));
  await record(() => s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'xml/1.xml', Range: 'bytes=1-3' })));
  await record(() => s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'xml/1.xml', Range: 'bytes=50-60' })));
  await record(() => s3.send(new HeadObjectCommand({ Bucket: 'docs', Key: 'nfse/1.xml' })));
  await record(() => s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'missing.xml' })));
  await record(() => s3.send(new PutObjectCommand({ Bucket: 'nope', Key: 'a.xml', Body: 'x' })));
  await record(() => s3.send(new ListObjectsV2Command({ Bucket: 'docs' })));
  await record(() => s3.send(new ListObjectsV2Command({ Bucket: 'docs', Prefix: 'nfse/', Delimiter: '/' })));
  await record(() => s3.send(new ListObjectsV2Command({ Bucket: 'docs', Delimiter: '/' })));
  await record(() => s3.send(new ListObjectsV2Command({ Bucket: 'docs', StartAfter: 'nfse/deep/1.xml', MaxKeys: 2 })));
  await record(() => s3.send(new CopyObjectCommand({ Bucket: 'other', Key: 'copy.xml', CopySource: 'docs/xml/1.xml' })));
  await record(() => s3.send(new GetObjectCommand({ Bucket: 'other', Key: 'copy.xml' })));
  await record(() => s3.send(new CopyObjectCommand({ Bucket: 'docs', Key: 'xml/2.xml', CopySource: 'docs/xml/2.xml', MetadataDirective: 'REPLACE', ContentType: 'text/plain', Metadata: { replaced: 'yes' } })));
  await record(() => s3.send(new HeadObjectCommand({ Bucket: 'docs', Key: 'xml/2.xml' })));
  await record(() => s3.send(new PutObjectTaggingCommand({ Bucket: 'docs', Key: 'top.txt', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } })));
  await record(() => s3.send(new GetObjectTaggingCommand({ Bucket: 'docs', Key: 'top.txt' })));
  await record(() => s3.send(new PutBucketCorsCommand({ Bucket: 'docs', CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['http://127.0.0.1:3001'] }] } })));
  await record(() => s3.send(new GetBucketCorsCommand({ Bucket: 'docs' })));
  const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'docs', Key: 'multi.bin', ContentType: 'application/octet-stream' }));
  const part1 = await s3.send(new UploadPartCommand({ Bucket: 'docs', Key: 'multi.bin', UploadId: upload.UploadId, PartNumber: 1, Body: Buffer.alloc(5 * 1024 * 1024, 7) }));
  const part2 = await s3.send(new UploadPartCommand({ Bucket: 'docs', Key: 'multi.bin', UploadId: upload.UploadId, PartNumber: 2, Body: 'tail' }));
  out.push({ parts: [part1.ETag, part2.ETag] });
  await record(() => s3.send(new CompleteMultipartUploadCommand({ Bucket: 'docs', Key: 'multi.bin', UploadId: upload.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part1.ETag }, { PartNumber: 2, ETag: part2.ETag }] } })));
  await record(() => s3.send(new HeadObjectCommand({ Bucket: 'docs', Key: 'multi.bin' })));
  await record(() => s3.send(new DeleteBucketCommand({ Bucket: 'docs' })));
  await record(() => s3.send(new DeleteObjectCommand({ Bucket: 'other', Key: 'copy.xml' })));
  await record(() => s3.send(new DeleteBucketCommand({ Bucket: 'other' })));
  await record(() => s3.send(new PutObjectCommand({ Bucket: 'other', Key: 'after-delete.xml', Body: 'x' })));
  await record(() => s3.send(new ListBucketsCommand({})));
  return out;
}

async function run(dataDir: string | undefined, fastPath = true): Promise<Outcome[]> {
  // Read when the service starts.
  process.env.LOCAL_S3_FAST_PATH = fastPath ? '1' : '0';
  const cloud: LocalCloud = await startLocalCloud({ port: 0, dataDir, services: ['s3'], logger: createLogger('warn') });
  const s3 = new S3Client({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, forcePathStyle: true });
  try {
    return await script(s3);
  } finally {
    s3.destroy();
    await cloud.stop();
  }
}

describe('local S3 in memory and its fast path', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3-parity-'));
  });

  afterAll(async () => {
    delete process.env.LOCAL_S3_FAST_PATH;
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('answers every call as the filesystem-backed S3 does', async () => {
    const onDisk = await run(dataDir);

    const inMemory = await run(undefined);

    expect(inMemory).toEqual(onDisk);
    expect(inMemory.length).toBe(35);
  });

  it('answers plain object calls through the fast path as s3rver itself does', async () => {
    const throughS3rver = await run(undefined, false);

    const throughFastPath = await run(undefined, true);

    expect(throughFastPath).toEqual(throughS3rver);
  });
});
