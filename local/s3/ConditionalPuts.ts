import type { EdgeResponse } from '../edge/EdgeRequest';
import type { ForwardedRequest } from './forwardHttp';
import { s3Error } from './s3Errors';

/** Whether a forwarded request is a PutObject (or CopyObject) that may only create: `If-None-Match: *`. */
function createOnly(request: ForwardedRequest): boolean {
  if (request.method !== 'PUT' || request.headers['if-none-match'] !== '*') return false;
  const [path = '', query = ''] = request.path.split('?', 2);
  // An object (`/bucket/key`), not a part of a multipart upload.
  return /^\/[^/]+\/.+/.test(path) && !/(^|&)(partNumber|uploadId)=/.test(query);
}

/**
 * S3's conditional writes for s3rver, which ignores them: a PutObject or CopyObject with
 * `If-None-Match: *` succeeds only when the key has no object, else 412 `PreconditionFailed`, as
 * S3 answers. Writes with the condition are serialised per key here, so two of them cannot both
 * create it (S3 answers the loser 409 `ConditionalRequestConflict` or 412; here it is 412).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
export class ConditionalPuts {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    /** Whether the object of a `/bucket/key` path exists (s3rver's HEAD). */
    private readonly exists: (path: string) => Promise<boolean>,
  ) {}

  /** Runs `send` for the request, first checking its condition when it has one. */
  handle(request: ForwardedRequest, send: (request: ForwardedRequest) => Promise<EdgeResponse>): Promise<EdgeResponse> {
    if (!createOnly(request)) return send(request);
    const [path = ''] = request.path.split('?', 1);
    const { 'if-none-match': _condition, ...headers } = request.headers;
    const previous = this.tails.get(path) ?? Promise.resolve();
    const run = previous.then(async () => {
      if (await this.exists(path)) return s3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
      return send({ ...request, headers });
    });
    const tail = run.catch(() => undefined);
    this.tails.set(path, tail);
    void tail.then(() => {
      if (this.tails.get(path) === tail) this.tails.delete(path);
    });
    return run;
  }
}
