/** A decoded `aws-chunked` body: the object's bytes and the trailing headers (lower-case names). */
export interface DecodedChunks {
  readonly data: Buffer;
  readonly trailers: Readonly<Record<string, string>>;
}

/** Why a body is not valid `aws-chunked`. */
export class AwsChunkedError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'AwsChunkedError';
  }
}

const CRLF = Buffer.from('\r\n');

/**
 * Decodes an `aws-chunked` body: `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` chunks, a
 * zero-size chunk, then optional trailer lines (`x-amz-checksum-crc32:…`) and an empty line.
 * Works for signed (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`) and unsigned
 * (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`) streams; chunk signatures are not verified.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
export function decodeAwsChunked(body: Buffer): DecodedChunks {
  const parts: Buffer[] = [];
  let position = 0;
  for (;;) {
    const lineEnd = body.indexOf(CRLF, position);
    if (lineEnd < 0) throw new AwsChunkedError('a chunk header is not terminated by CRLF');
    const header = body.subarray(position, lineEnd).toString('latin1');
    const sizeText = header.split(';')[0]?.trim() ?? '';
    const size = /^[0-9a-fA-F]+$/.test(sizeText) ? parseInt(sizeText, 16) : Number.NaN;
    if (!Number.isSafeInteger(size)) throw new AwsChunkedError(`invalid chunk size '${sizeText}'`);
    position = lineEnd + CRLF.length;
    if (size === 0) break;
    if (position + size + CRLF.length > body.length) throw new AwsChunkedError('the body ends inside a chunk');
    parts.push(body.subarray(position, position + size));
    position += size;
    if (!body.subarray(position, position + CRLF.length).equals(CRLF)) throw new AwsChunkedError('a chunk is not followed by CRLF');
    position += CRLF.length;
  }
  const trailers: Record<string, string> = {};
  while (position < body.length) {
    const lineEnd = body.indexOf(CRLF, position);
    const line = body.subarray(position, lineEnd < 0 ? body.length : lineEnd).toString('latin1');
    position = lineEnd < 0 ? body.length : lineEnd + CRLF.length;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new AwsChunkedError(`invalid trailer line '${line}'`);
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { data: Buffer.concat(parts), trailers };
}
