import { AwsChunkedError, decodeAwsChunked } from '../../../local/s3/decodeAwsChunked';

describe('decodeAwsChunked', () => {
  it('decodes an unsigned stream and reads its checksum trailer', () => {
    const body = Buffer.from('6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n');

    const decoded = decodeAwsChunked(body);

    expect(decoded.data.toString()).toBe('hello world');
    expect(decoded.trailers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==' });
  });

  it('decodes a signed stream, ignoring chunk signatures', () => {
    const body = Buffer.from('3;chunk-signature=abc\r\nabc\r\n0;chunk-signature=def\r\n\r\n');

    expect(decodeAwsChunked(body)).toEqual({ data: Buffer.from('abc'), trailers: {} });
  });

  it('keeps binary chunk bytes that contain CRLF', () => {
    const payload = Buffer.from([0x0d, 0x0a, 0x00, 0xff, 0x0d, 0x0a]);
    const body = Buffer.concat([Buffer.from('6\r\n'), payload, Buffer.from('\r\n0\r\n\r\n')]);

    expect(decodeAwsChunked(body).data.equals(payload)).toBe(true);
  });

  it('rejects a body that ends inside a chunk', () => {
    expect(() => decodeAwsChunked(Buffer.from('a\r\nshort\r\n'))).toThrow(new AwsChunkedError('the body ends inside a chunk'));
  });

  it('rejects a chunk size that is not hexadecimal', () => {
    expect(() => decodeAwsChunked(Buffer.from('zz\r\nx\r\n'))).toThrow(/invalid chunk size 'zz'/);
  });
});
