import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

// The default client, exactly as production builds it: no forcePathStyle, default checksums.
const s3 = new S3Client(testClientConfig());
const bucket = uniqueName('objects').toLowerCase();
let scratch: string;

async function download(key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

function crc32Base64(bytes: Buffer): string {
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE(zlib.crc32(bytes) >>> 0);
  return digest.toString('base64');
}

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 's3-objects-'));
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

afterAll(async () => {
  s3.destroy();
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('local S3 objects', () => {
  it('stores a string body and reads it back', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'xml/a b.xml', Body: '<Rps>olá</Rps>', ContentType: 'application/xml' }));

    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'xml/a b.xml' }));

    expect(await object.Body?.transformToString()).toBe('<Rps>olá</Rps>');
    expect(object.ContentType).toBe('application/xml');
  });

  it('stores a Buffer body byte for byte', async () => {
    const bytes = crypto.randomBytes(70_000);
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'buffer.bin', Body: bytes }));

    expect(put.ChecksumCRC32).toBe(crc32Base64(bytes));
    expect((await download('buffer.bin')).equals(bytes)).toBe(true);
  });

  it('stores a file stream body byte for byte (sent aws-chunked with a CRC32 trailer)', async () => {
    const bytes = crypto.randomBytes(3 * 1024 * 1024 + 17);
    const file = path.join(scratch, 'upload.bin');
    await fs.writeFile(file, bytes);

    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'stream.bin', Body: (await import('node:fs')).createReadStream(file) }));

    expect(put.ChecksumCRC32).toBe(crc32Base64(bytes));
    const stored = await download('stream.bin');
    expect(stored.length).toBe(bytes.length);
    expect(stored.equals(bytes)).toBe(true);
  });

  it('stores a Readable body with a declared length byte for byte', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'readable.txt', Body: Readable.from([Buffer.from('hello '), Buffer.from('world')]), ContentLength: 11 }));

    expect((await download('readable.txt')).toString()).toBe('hello world');
  });

  it('assembles a multipart upload whose parts came as a Buffer and as a stream', async () => {
    const head = crypto.randomBytes(5 * 1024 * 1024);
    const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'multipart.bin' }));
    const first = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'multipart.bin', UploadId: upload.UploadId, PartNumber: 1, Body: head }));
    const second = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'multipart.bin', UploadId: upload.UploadId, PartNumber: 2, Body: Readable.from([Buffer.from('tail')]), ContentLength: 4 }));

    await s3.send(new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: 'multipart.bin',
      UploadId: upload.UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: first.ETag }, { PartNumber: 2, ETag: second.ETag }] },
    }));

    expect((await download('multipart.bin')).equals(Buffer.concat([head, Buffer.from('tail')]))).toBe(true);
  });

  it('answers HeadObject with the length, type and metadata', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'head.json', Body: '{"a":1}', ContentType: 'application/json', Metadata: { invoiceid: 'inv-1' } }));

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'head.json' }));

    expect(head.ContentLength).toBe(7);
    expect(head.ContentType).toBe('application/json');
    expect(head.Metadata).toEqual({ invoiceid: 'inv-1' });
  });

  it('lists objects under a prefix with ListObjectsV2', async () => {
    const listed = uniqueName('list').toLowerCase();
    await s3.send(new CreateBucketCommand({ Bucket: listed }));
    for (const key of ['nfse/2.xml', 'nfse/1.xml', 'xml/1.xml']) await s3.send(new PutObjectCommand({ Bucket: listed, Key: key, Body: key }));

    const result = await s3.send(new ListObjectsV2Command({ Bucket: listed, Prefix: 'nfse/' }));

    expect(result.KeyCount).toBe(2);
    expect(result.Contents?.map((object) => [object.Key, object.Size])).toEqual([['nfse/1.xml', 10], ['nfse/2.xml', 10]]);
  });

  it('deletes an object so that GetObject answers NoSuchKey', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'gone.txt', Body: 'x' }));

    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'gone.txt' }));

    await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'gone.txt' }))).rejects.toBeInstanceOf(NoSuchKey);
  });
});
