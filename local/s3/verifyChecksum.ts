import crypto from 'node:crypto';
import zlib from 'node:zlib';

/** A flexible checksum that did not match the body. */
export interface ChecksumMismatch {
  readonly algorithm: string;
}

// CRC32C and CRC64NVME need tables Node does not ship; those are accepted unchecked.
const DIGESTS: Readonly<Record<string, (data: Buffer) => Buffer>> = {
  crc32: (data) => {
    const digest = Buffer.alloc(4);
    digest.writeUInt32BE(zlib.crc32(data) >>> 0);
    return digest;
  },
  sha1: (data) => crypto.createHash('sha1').update(data).digest(),
  sha256: (data) => crypto.createHash('sha256').update(data).digest(),
};

/**
 * Checks every `x-amz-checksum-<algorithm>` value (from headers or trailers, base64 of the
 * big-endian digest) that Node can compute, as S3 does before storing an object.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
export function verifyChecksum(values: Readonly<Record<string, string | string[] | undefined>>, data: Buffer): ChecksumMismatch | undefined {
  for (const [name, value] of Object.entries(values)) {
    const match = /^x-amz-checksum-([a-z0-9]+)$/.exec(name);
    const algorithm = match?.[1] ?? '';
    const digest = Object.hasOwn(DIGESTS, algorithm) ? DIGESTS[algorithm] : undefined;
    if (digest === undefined || typeof value !== 'string') continue;
    if (digest(data).toString('base64') !== value.trim()) return { algorithm: algorithm.toUpperCase() };
  }
  return undefined;
}
