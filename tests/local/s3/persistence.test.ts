import { CreateBucketCommand, GetObjectCommand, NoSuchBucket, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { restartableCloud, type RestartableCloud } from '../../harness/restartableCloud';

describe('local S3 persistence', () => {
  let clouds: RestartableCloud<S3Client>;

  beforeEach(async () => {
    clouds = await restartableCloud({ services: ['s3'], client: (config) => new S3Client(config) });
  });

  afterEach(async () => {
    await clouds.dispose();
  });

  it('keeps buckets and objects across a restart with the same data directory', async () => {
    const first = await clouds.start();
    await first.client.send(new CreateBucketCommand({ Bucket: 'docs' }));
    await first.client.send(new PutObjectCommand({ Bucket: 'docs', Key: 'xml/inv-1.xml', Body: '<Rps/>' }));
    await first.stop();

    const second = await clouds.start();
    const object = await second.client.send(new GetObjectCommand({ Bucket: 'docs', Key: 'xml/inv-1.xml' }));

    expect(await object.Body?.transformToString()).toBe('<Rps/>');
  });

  it('keeps nothing across a restart without a data directory', async () => {
    const first = await clouds.start({ persist: false });
    await first.client.send(new CreateBucketCommand({ Bucket: 'docs' }));
    await first.client.send(new PutObjectCommand({ Bucket: 'docs', Key: 'a.txt', Body: 'a' }));
    await first.stop();

    const second = await clouds.start({ persist: false });

    await expect(second.client.send(new GetObjectCommand({ Bucket: 'docs', Key: 'a.txt' }))).rejects.toBeInstanceOf(NoSuchBucket);
  });
});
