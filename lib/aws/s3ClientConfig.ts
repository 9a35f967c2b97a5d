import type { S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * S3 client options of the API and the adapter: flexible checksums only where an operation
 * requires one (`httpChecksumRequired`, e.g. DeleteObjects), not a CRC32 of every PutObject body
 * and of every GetObject answer, the SDK's default since 3.729 (~0.05 ms of CPU a 4 kB PutObject,
 * measured with `bench/sdk`; more on a GetObject in AWS, which returns the stored checksum). Each object keeps its integrity checks without it: SigV4 signs the SHA-256 of
 * the whole body (`x-amz-content-sha256`, which S3 checks before storing), TLS protects the bytes
 * in transit both ways, S3 stores its own full-object checksum (CRC64NVME) of an object uploaded
 * without one, and Content-MD5 or a checksum still goes where S3 requires it.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-dataintegrity.html
 */
export const S3_CLIENT_CONFIG = {
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
} as const satisfies S3ClientConfig;
