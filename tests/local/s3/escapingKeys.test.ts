import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CopyObjectCommand, CreateBucketCommand, DeleteObjectsCommand, GetObjectCommand, PutObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { createLogger } from '../../../local/createLogger';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';
import { rawRequest } from '../guard/rawRequest';

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  const error = (await promise.then(() => undefined, (e: unknown) => e)) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
  if (error === undefined) throw new Error('expected the call to fail');
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
}

describe('local S3 with a data directory: names that would leave it', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let s3: S3Client;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3-escape-'));
    cloud = await startLocalCloud({ port: 0, dataDir, services: ['s3'], logger: createLogger('warn') });
    s3 = new S3Client({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    await s3.send(new CreateBucketCommand({ Bucket: 'docs' }));
    await fs.writeFile(path.join(dataDir, 'secret.txt._S3rver_object'), 'outside the store');
  });

  afterAll(async () => {
    s3.destroy();
    await cloud.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a PutObject whose key climbs out of the store with 400 InvalidArgument, and writes nothing outside', async () => {
    const before = await filesUnder(dataDir);

    const error = await errorOf(s3.send(new PutObjectCommand({ Bucket: 'docs', Key: '../../../escaped.txt', Body: 'x' })));

    expect(error).toEqual({
      name: 'InvalidArgument',
      message: "The key '../../../escaped.txt' has a '.' or '..' segment: the local S3 keeps objects as files and refuses names that would resolve outside its directory",
      status: 400,
    });
    expect(await filesUnder(dataDir)).toEqual(before);
  });

  it('refuses the same key percent-encoded on the wire, and a bucket named ..', async () => {
    const signed = { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' };

    const encoded = await rawRequest(`${cloud.endpoint}/docs/%2E%2E%2F%2E%2E%2F%2E%2E%2Fescaped.txt`, { method: 'PUT', headers: signed, body: 'x' });
    const bucket = await rawRequest(`${cloud.endpoint}/%2E%2E/secret.txt`, { headers: signed });

    expect(encoded.status).toBe(400);
    expect(encoded.text).toContain('<Code>InvalidArgument</Code>');
    expect(bucket.status).toBe(400);
    expect(bucket.text).toContain("<Code>InvalidBucketName</Code><Message>The specified bucket is not valid: '..'</Message>");
  });

  it('refuses to copy from, or delete, a key outside the store', async () => {
    const copy = await errorOf(s3.send(new CopyObjectCommand({ Bucket: 'docs', Key: 'stolen.txt', CopySource: 'docs/../../secret.txt' })));
    const deleted = await errorOf(s3.send(new DeleteObjectsCommand({ Bucket: 'docs', Delete: { Objects: [{ Key: 'fine.txt' }, { Key: '../../secret.txt' }] } })));

    expect([copy.name, copy.status]).toEqual(['InvalidArgument', 400]);
    expect(copy.message).toBe("The copy source key '../../secret.txt' has a '.' or '..' segment: the local S3 keeps objects as files and refuses names that would resolve outside its directory");
    expect([deleted.name, deleted.status]).toEqual(['InvalidArgument', 400]);
    expect(await fs.readFile(path.join(dataDir, 'secret.txt._S3rver_object'), 'utf8')).toBe('outside the store');
  });

  it('answers NoSuchUpload to an upload id that is a path', async () => {
    const error = await errorOf(s3.send(new UploadPartCommand({ Bucket: 'docs', Key: 'big.bin', UploadId: '../../../parts', PartNumber: 1, Body: 'x' })));

    expect([error.name, error.status]).toEqual(['NoSuchUpload', 404]);
  });

  it('keeps taking keys with dots that are not path segments', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'a..b/.hidden/v1.2..xml', Body: 'dots' }));

    const object = await s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'a..b/.hidden/v1.2..xml' }));

    expect(await object.Body?.transformToString()).toBe('dots');
  });
});
