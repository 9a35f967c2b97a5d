// s3rver ships no type declarations; these cover the parts the local S3 uses.

declare module 's3rver' {
  interface S3rverOptions {
    readonly address?: string;
    /** 0 picks a free port. */
    readonly port?: number;
    readonly silent?: boolean;
    /** Where buckets and objects are stored; must exist. */
    readonly directory?: string;
    readonly resetOnClose?: boolean;
    readonly allowMismatchedSignatures?: boolean;
    readonly vhostBuckets?: boolean;
  }
  class S3rver {
    public constructor(options?: S3rverOptions);
    /** Starts listening; resolves to the bound address. */
    public run(): Promise<import('node:net').AddressInfo>;
    public close(): Promise<void>;
  }
  export = S3rver;
}
