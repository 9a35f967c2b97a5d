import type { IncomingHttpHeaders } from 'node:http';
import type { EdgeRequest } from '../../../local/edge/EdgeRequest';
import { prepareS3Request, type PreparedS3Request } from '../../../local/s3/prepareS3Request';

function request(method: string, rawUrl: string, headers: IncomingHttpHeaders, body = Buffer.alloc(0)): EdgeRequest {
  return { method, rawUrl, url: new URL(rawUrl, 'http://edge.local'), headers, body, service: 's3', region: 'us-east-1', accountId: '000000000000' };
}

function prepared(result: ReturnType<typeof prepareS3Request>): PreparedS3Request {
  if ('status' in result) throw new Error(`expected a forwarded request, got ${String(result.body)}`);
  return result;
}

function forwarded(result: ReturnType<typeof prepareS3Request>): PreparedS3Request['forward'] {
  return prepared(result).forward;
}

describe('prepareS3Request', () => {
  it("swaps the access key id of the Authorization header for s3rver's", () => {
    const authorization = 'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261123/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc';

    const result = forwarded(prepareS3Request(request('GET', '/b/k', { host: '127.0.0.1:4566', authorization }), '127.0.0.1:9000'));

    expect(result.headers.authorization).toBe('AWS4-HMAC-SHA256 Credential=S3RVER/20261123/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc');
    expect(result.headers.host).toBe('127.0.0.1:9000');
  });

  it('swaps the access key id of a presigned URL and keeps the rest of the query as sent', () => {
    const rawUrl = '/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20261123%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Expires=300&x-id=GetObject';

    const result = forwarded(prepareS3Request(request('GET', rawUrl, { host: '127.0.0.1:4566' }), '127.0.0.1:9000'));

    expect(result.path).toBe('/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=S3RVER%2F20261123%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Expires=300&x-id=GetObject');
  });

  it('moves the bucket of a <bucket>.localhost request into the path', () => {
    const result = forwarded(prepareS3Request(request('GET', '/key.txt?x-id=GetObject', { host: 'docs.localhost:4566' }), '127.0.0.1:9000'));

    expect(result.path).toBe('/docs/key.txt?x-id=GetObject');
  });

  it('decodes an aws-chunked body and drops the framing headers', () => {
    const body = Buffer.from('5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n');
    const headers = {
      host: '127.0.0.1:4566',
      'content-encoding': 'aws-chunked',
      'transfer-encoding': 'chunked',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': '5',
      'x-amz-trailer': 'x-amz-checksum-crc32',
      'content-type': 'text/plain',
    };

    const result = prepared(prepareS3Request(request('PUT', '/b/k', headers, body), '127.0.0.1:9000'));

    expect(result.forward.body.toString()).toBe('hello');
    expect(result.forward.headers).toEqual({ host: '127.0.0.1:9000', 'content-length': '5', 'content-type': 'text/plain', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    expect(result.checksums).toEqual({ 'x-amz-checksum-crc32': 'NhCmhg==' });
  });

  it('answers BadDigest when a trailer checksum does not match the body', () => {
    const body = Buffer.from('5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n');
    const headers = { 'content-encoding': 'aws-chunked', 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' };

    const result = prepareS3Request(request('PUT', '/b/k', headers, body), '127.0.0.1:9000');

    expect(result).toMatchObject({ status: 400 });
    expect(String((result as { body: unknown }).body)).toContain('<Code>BadDigest</Code><Message>The CRC32 you specified did not match the calculated checksum.</Message>');
  });

  it('answers BadDigest when a checksum header of a plain PUT does not match the body', () => {
    const result = prepareS3Request(request('PUT', '/b/k', { 'x-amz-checksum-sha256': 'AAAA' }, Buffer.from('hello')), '127.0.0.1:9000');

    expect(result).toMatchObject({ status: 400 });
    expect(String((result as { body: unknown }).body)).toContain('The SHA256 you specified did not match the calculated checksum.');
  });

  it('answers IncompleteBody when the decoded length differs from the declared one', () => {
    const headers = { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '9' };

    const result = prepareS3Request(request('PUT', '/b/k', headers, Buffer.from('5\r\nhello\r\n0\r\n\r\n')), '127.0.0.1:9000');

    expect(result).toMatchObject({ status: 400 });
    expect(String((result as { body: unknown }).body)).toContain('<Code>IncompleteBody</Code>');
  });
});
