import fs from 'node:fs/promises';
import path from 'node:path';
import S3rver from 's3rver';
import type { LocalContext } from '../edge/LocalContext';
import type { LocalService } from '../edge/LocalService';
import { guardServer } from '../guard/guardServer';
import { internalPortPolicy } from '../guard/internalPortPolicy';
import { MemoryStore } from './MemoryStore';
import { S3FastPath } from './S3FastPath';
import { s3Error } from './s3Errors';
import { S3Service } from './S3Service';

/**
 * Starts S3: s3rver on an internal loopback port, storing objects in `dataDir/objects`, or in
 * memory ({@link MemoryStore}) when the cloud keeps no data.
 */
export async function createS3Service(context: LocalContext): Promise<LocalService> {
  const directory = context.dataDir !== undefined ? path.join(context.dataDir, 'objects') : undefined;
  // s3rver fails on a directory that does not exist yet.
  if (directory !== undefined) await fs.mkdir(directory, { recursive: true });
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    resetOnClose: false,
    // s3rver does not verify SigV4 anyway; this also lets SigV2 requests signed with any secret in.
    allowMismatchedSignatures: true,
    // The edge turns <bucket>.localhost into path style itself; s3rver must not guess from Host.
    vhostBuckets: false,
  });
  if (directory === undefined) useStore(s3rver, new MemoryStore());
  const address = await s3rver.run();
  // The service's keep-alive agent reuses idle connections; Node's default 5 s server timeout
  // would close one just as it is reused (ECONNRESET on a request that never reached s3rver).
  if (s3rver.httpServer !== undefined) {
    s3rver.httpServer.keepAliveTimeout = 65_000;
    guardServer(s3rver.httpServer, internalPortPolicy('The local S3 (s3rver) port'), (res, refusal) => {
      const refused = s3Error(403, 'AccessDenied', refusal.message);
      res.writeHead(refused.status, refused.headers as Record<string, string>);
      res.end(refused.body);
    });
  }
  context.logger.debug({ port: address.port, directory }, 's3rver started');
  return new S3Service({
    port: address.port,
    logger: context.logger,
    fastPath: process.env.LOCAL_S3_FAST_PATH === '0' ? undefined : new S3FastPath(s3rver.store),
    shutdown: () => s3rver.close(),
  });
}

/**
 * s3rver 3.7.1 has no option for its store: its constructor sets these two properties to a
 * filesystem store (the app's, read by `ctx.app.store`, and Koa's context prototype, read by
 * `ctx.store`). Both are replaced before it serves anything.
 */
function useStore(s3rver: S3rver, store: MemoryStore): void {
  s3rver.store = store;
  s3rver.context.store = store;
}
