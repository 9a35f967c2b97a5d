import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

const s3 = new S3Client(testClientConfig());
const bucket = uniqueName('conditional').toLowerCase();

/** The status and error code S3 answered, or 200. */
async function put(key: string, body: string, ifNoneMatch?: string): Promise<string> {
  try {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...(ifNoneMatch === undefined ? {} : { IfNoneMatch: ifNoneMatch }) }));
    return '200';
  } catch (error) {
    if (!(error instanceof S3ServiceException)) throw error;
    return `${error.$metadata.httpStatusCode ?? '?'} ${error.name}`;
  }
}

async function read(key: string): Promise<string> {
  return (await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString()) ?? '';
}

describe('S3 conditional writes (If-None-Match: *), which s3rver alone ignores', () => {
  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });

  afterAll(() => {
    s3.destroy();
  });

  it('creates a missing object and refuses to overwrite an existing one with 412 PreconditionFailed, as S3 does', async () => {
    const answers = [await put('xml/a.xml', 'first', '*'), await put('xml/a.xml', 'second', '*'), await put('xml/a.xml', 'third')];

    expect(answers).toEqual(['200', '412 PreconditionFailed', '200']);
    expect(await read('xml/a.xml')).toBe('third');
  });

  it('lets exactly one of concurrent create-only writes of a key land', async () => {
    const answers = await Promise.all(['1', '2', '3', '4', '5'].map((body) => put('xml/b.xml', body, '*')));

    expect(answers.filter((answer) => answer === '200')).toHaveLength(1);
    expect(answers.filter((answer) => answer === '412 PreconditionFailed')).toHaveLength(4);
    expect(await read('xml/b.xml')).toBe(String(answers.indexOf('200') + 1));
  });
});
