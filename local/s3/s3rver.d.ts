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
  /** An object as s3rver's store holds it (`lib/models/object.js`). */
  interface S3rverObject {
    readonly bucket: string;
    readonly key: string;
    /** A file stream when read from the store; null when a range was not satisfiable. */
    readonly content: import('node:stream').Readable | Buffer | null;
    /** Lower-case header names: content-type, etag, last-modified, content-length, x-amz-meta-*... */
    readonly metadata: Readonly<Record<string, string | number>>;
  }
  /** s3rver's storage (`lib/stores/filesystem.js`), which its controllers call. */
  interface S3rverStore {
    /** Undefined or null when the bucket does not exist. */
    getBucket(bucket: string): Promise<unknown>;
    /** Null when the object does not exist. */
    getObject(bucket: string, key: string): Promise<S3rverObject | null>;
    putObject(object: S3rverObject): Promise<{ readonly md5: string; readonly size: number }>;
  }
  class S3rver {
    public constructor(options?: S3rverOptions);
    /** The storage its controllers call (`ctx.app.store`), set in the constructor. */
    public store: S3rverStore;
    /** Koa's context prototype; s3rver's controllers read `ctx.store` from it. */
    public readonly context: { store: S3rverStore };
    /** Its HTTP server, once `run()` resolved. */
    public readonly httpServer?: import('node:http').Server;
    /** Starts listening; resolves to the bound address. */
    public run(): Promise<import('node:net').AddressInfo>;
    public close(): Promise<void>;
  }
  export = S3rver;
}

declare module 's3rver/lib/models/object' {
  type S3rverObject = NonNullable<Awaited<ReturnType<import('s3rver')['store']['getObject']>>>;
  /** Keeps the allowed metadata headers and x-amz-meta-*; content type defaults to binary/octet-stream. */
  class S3Object implements S3rverObject {
    public constructor(bucket: string, key: string, content: import('node:stream').Readable | Buffer | null, headers: Readonly<Record<string, string | number | string[] | undefined>>);
    public readonly bucket: string;
    public readonly key: string;
    public readonly content: import('node:stream').Readable | Buffer | null;
    public readonly metadata: Readonly<Record<string, string | number>>;
    /** Set by the store on a ranged read. */
    public range?: { readonly start: number; readonly end: number };
  }
  export = S3Object;
}

declare module 's3rver/lib/models/bucket' {
  class S3Bucket {
    public constructor(name: string, creationDate: Date);
    public readonly name: string;
    public readonly creationDate: Date;
  }
  export = S3Bucket;
}

declare module 's3rver/lib/models/config' {
  /** A parsed bucket or object configuration (CORS, website, tagging). */
  interface S3Config {
    readonly type: string;
    toXML(space?: number): string;
  }
  /** The model class of a configuration type; undefined for an unknown one. */
  function getConfigModel(type: string): (new (xml: string) => S3Config) | undefined;
}
