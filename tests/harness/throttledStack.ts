import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startLocalApp, type LocalApp } from '../../local/app/startLocalApp';
import { isLambdaService } from '../../local/lambda/LambdaService';
import type { BucketQuota } from '../../local/stepfunctions/quotas/TokenBucket';
import { startLocalCloud, type LocalCloud } from '../../local/startLocalCloud';
import { testClientConfig } from './localCloudEnv';

/** A cloud whose StartExecution quota is lowered, and an app on it. */
export interface ThrottledStack {
  readonly cloud: LocalCloud;
  readonly app: LocalApp;
  /** SDK client settings for this cloud. */
  readonly config: { readonly endpoint: string; readonly region: string; readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } };
  stop(): Promise<void>;
}

/**
 * A local cloud of its own with Step Functions' StartExecution quota lowered to `quota`, and an
 * app on it (one in-process adapter): the quota is the account's, and jest's shared cloud runs
 * unthrottled. Its Data API is the shared cloud's (PGlite cannot start inside a test file); the
 * app's billing and orders schemas are its own, named after `prefix`.
 */
export async function startThrottledStack(options: { readonly prefix: string; readonly quota: BucketQuota; readonly timeScale: number }): Promise<ThrottledStack> {
  const cloud = await startLocalCloud({
    port: 0,
    timeScale: options.timeScale,
    services: ['sqs', 'dynamodb', 's3', 'rds-data', 'lambda', 'events', 'states', 'secretsmanager', 'apigateway'],
    borrow: { 'rds-data': testClientConfig().endpoint },
    logger: pino({ level: 'silent' }),
    sfnQuotas: { StartExecution: options.quota },
  });
  const authDir = await fs.mkdtemp(path.join(os.tmpdir(), `nfse-${options.prefix}-`));
  const lambda = cloud.services.get('lambda');
  const app = await startLocalApp({
    endpoint: cloud.endpoint,
    clock: cloud.clock,
    timeScale: options.timeScale,
    prefix: options.prefix,
    apiPort: 0,
    mockPort: 0,
    authDir,
    adapters: { mode: 'in-process', count: 1 },
    lambda: isLambdaService(lambda) ? lambda : undefined,
    logger: pino({ level: 'silent' }),
  });
  return {
    cloud,
    app,
    config: { endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
    stop: async () => {
      await app.stop();
      await cloud.stop();
      await fs.rm(authDir, { recursive: true, force: true });
    },
  };
}
