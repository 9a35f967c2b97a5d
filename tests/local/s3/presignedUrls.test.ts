import { CreateBucketCommand, GetObjectCommand, PutBucketCorsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

const s3 = new S3Client(testClientConfig());
const bucket = uniqueName('presigned').toLowerCase();

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

afterAll(() => s3.destroy());

describe('local S3 presigned URLs', () => {
  it('serves a presigned GET to a plain fetch()', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'nfse/1.xml', Body: '<Nfse/>', ContentType: 'application/xml' }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'nfse/1.xml' }), { expiresIn: 300 });

    const response = await fetch(url);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(await response.text()).toBe('<Nfse/>');
  });

  it('accepts an upload through a presigned PUT', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: 'uploaded.txt' }), { expiresIn: 300 });

    const response = await fetch(url, { method: 'PUT', body: 'uploaded by a browser' });

    expect(response.status).toBe(200);
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'uploaded.txt' }));
    expect(await object.Body?.transformToString()).toBe('uploaded by a browser');
  });

  it('refuses a browser origin even where the bucket has a CORS rule: the edge takes no web page', async () => {
    const origin = 'http://127.0.0.1:3001';
    const shared = uniqueName('cors').toLowerCase();
    await s3.send(new CreateBucketCommand({ Bucket: shared }));
    await s3.send(new PutObjectCommand({ Bucket: shared, Key: 'a.xml', Body: '<a/>' }));
    await s3.send(new PutBucketCorsCommand({ Bucket: shared, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: [origin] }] } }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: shared, Key: 'a.xml' }), { expiresIn: 300 });

    const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    const response = await fetch(url, { headers: { origin } });
    const link = await fetch(url);

    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(`<Code>AccessDenied</Code><Message>The local AWS edge refuses requests from web pages: Origin '${origin}' is not allowed (it accepts no browser origin)</Message>`);
    // A link the console shows is a navigation, which carries no Origin: it still opens.
    expect(await link.text()).toBe('<a/>');
  });

  it('refuses a presigned URL whose expiry has passed', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'old.txt', Body: 'x' }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'old.txt' }), { expiresIn: 1, signingDate: new Date(Date.now() - 60_000) });

    const response = await fetch(url);

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  });
});
