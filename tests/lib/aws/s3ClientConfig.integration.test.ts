import { createHash } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ADAPTER_CLIENTS } from '../../../adapter-container/worker/adapterClients';
import { awsClients } from '../../../tasks/shared/clients';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { requireServices } from '../../harness/requireServices';

/** The headers of each request `client` sends, as signed (a deserialize-step middleware sees the final request). */
function recordSentHeaders(client: S3Client): Array<Record<string, string>> {
  const sent: Array<Record<string, string>> = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
      return next(args);
    },
    { step: 'deserialize', name: 'recordSentHeaders' },
  );
  return sent;
}

const sha256Hex = (body: string): string => createHash('sha256').update(body).digest('hex');

describe('S3 clients of the API and the adapter (S3_CLIENT_CONFIG) against the local cloud', () => {
  const bucket = uniqueName('s3-config');
  const body = '<Rps><Numero>7</Numero></Rps>'.repeat(40);
  // Built from the environment, as in production; their own copies, so the recording middleware
  // is on the stack before their first call (the middleware cache would not see it later).
  const clients = { api: awsClients().s3, adapter: ADAPTER_CLIENTS.s3() };

  beforeAll(async () => {
    await requireServices(['s3']);
    await new S3Client({ ...testClientConfig(), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: bucket }));
  });

  it.each(Object.keys(clients) as Array<keyof typeof clients>)('the %s client computes checksums only where an operation requires one', async (name) => {
    const client = clients[name];
    expect([await client.config.requestChecksumCalculation(), await client.config.responseChecksumValidation()]).toEqual(['WHEN_REQUIRED', 'WHEN_REQUIRED']);
  });

  it('the adapter client sends a PutObject without a CRC32, its SigV4 signing the SHA-256 of the whole body, and reads the object back whole', async () => {
    const client = ADAPTER_CLIENTS.s3();
    const sent = recordSentHeaders(client);

    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'signed/rps.xml', Body: body, ContentType: 'application/xml' }));
    const read = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'signed/rps.xml' }));

    expect(await read.Body?.transformToString()).toBe(body);
    const [put, get] = sent;
    expect(Object.keys(put).filter((header) => header.startsWith('x-amz-checksum-') || header === 'x-amz-sdk-checksum-algorithm')).toEqual([]);
    expect(put['x-amz-content-sha256']).toBe(sha256Hex(body));
    expect(put.authorization).toContain('x-amz-content-sha256');
    expect(get['x-amz-checksum-mode']).toBeUndefined();
  });

  it("where the SDK's default (a CRC32 of every body) would send one", async () => {
    const client = new S3Client({ ...testClientConfig(), forcePathStyle: true });
    const sent = recordSentHeaders(client);

    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'default/rps.xml', Body: body }));

    expect(sent[0]['x-amz-checksum-crc32']).toEqual(expect.any(String));
  });
});
