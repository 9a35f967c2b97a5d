import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, GetObjectCommand, NoSuchBucket, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createLogger } from '../../../local/createLogger';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';

async function start(dataDir?: string): Promise<{ cloud: LocalCloud; s3: S3Client }> {
  const cloud = await startLocalCloud({ port: 0, dataDir, services: ['s3'], logger: createLogger('warn') });
  const s3 = new S3Client({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return { cloud, s3 };
}

describe('local S3 persistence', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3-data-'));
  });

  afterEach(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps buckets and objects across a restart with the same data directory', async () => {
    const first = await start(dataDir);
    await first.s3.send(new CreateBucketCommand({ Bucket: 'docs' }));
    await first.s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'xml/inv-1.xml', Body: '<Rps/>' }));
    first.s3.destroy();
    await first.cloud.stop();

    const second = await start(dataDir);
    try {
      const object = await second.s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'xml/inv-1.xml' }));

      expect(await object.Body?.transformToString()).toBe('<Rps/>');
    } finally {
      second.s3.destroy();
      await second.cloud.stop();
    }
  });

  it('keeps nothing across a restart without a data directory', async () => {
    const first = await start();
    await first.s3.send(new CreateBucketCommand({ Bucket: 'docs' }));
    await first.s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'a.txt', Body: 'a' }));
    first.s3.destroy();
    await first.cloud.stop();

    const second = await start();
    try {
      await expect(second.s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'a.txt' }))).rejects.toBeInstanceOf(NoSuchBucket);
    } finally {
      second.s3.destroy();
      await second.cloud.stop();
    }
  });
});
