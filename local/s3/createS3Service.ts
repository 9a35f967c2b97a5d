import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { LocalContext } from '../edge/LocalContext';
import type { LocalService } from '../edge/LocalService';
import { S3Service } from './S3Service';

/**
 * Starts S3: s3rver on an internal loopback port, storing objects in `dataDir/objects`, or in a
 * temporary directory removed on stop when the cloud runs in memory.
 */
export async function createS3Service(context: LocalContext): Promise<LocalService> {
  const temporary = context.dataDir === undefined;
  const directory = context.dataDir !== undefined ? path.join(context.dataDir, 'objects') : await fs.mkdtemp(path.join(os.tmpdir(), 'local-s3-'));
  // s3rver fails on a directory that does not exist yet.
  await fs.mkdir(directory, { recursive: true });
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
  const address = await s3rver.run();
  context.logger.debug({ port: address.port, directory, temporary }, 's3rver started');
  return new S3Service({
    port: address.port,
    logger: context.logger,
    shutdown: async () => {
      await s3rver.close();
      if (temporary) await fs.rm(directory, { recursive: true, force: true });
    },
  });
}
