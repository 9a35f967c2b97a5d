import fs from 'node:fs/promises';
import { CHILD_BUNDLES_DIR_ENV } from '../../local/app/childScripts';
import { TEST_PKI_DIR_ENV } from './sharedFunctions';

/** Stops the local cloud started by the global setup. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__LOCAL_CLOUD__?.stop();
  globalThis.__LOCAL_CLOUD__ = undefined;
  const pkiDir = process.env[TEST_PKI_DIR_ENV];
  if (pkiDir !== undefined) await fs.rm(pkiDir, { recursive: true, force: true });
  const bundles = process.env[CHILD_BUNDLES_DIR_ENV];
  if (bundles !== undefined) await fs.rm(bundles, { recursive: true, force: true });
}
