import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { SFNClient } from '@aws-sdk/client-sfn';
import pino from 'pino';
import { startLocalApp, type LocalApp, type LocalAppOptions } from '../../local/app/startLocalApp';
import { isLambdaService } from '../../local/lambda/LambdaService';
import type { BucketQuota } from '../../local/stepfunctions/quotas/TokenBucket';
import { startLocalCloud, type LocalCloud } from '../../local/startLocalCloud';
import { testClientConfig } from './localCloudEnv';

/** A cloud of a suite's own and an app on it. */
export interface StackOfItsOwn {
  readonly cloud: LocalCloud;
  readonly app: LocalApp;
  /** SDK client settings for this cloud. */
  readonly config: { readonly endpoint: string; readonly region: string; readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } };
  /** Step Functions and the Data API on this cloud, released by `stop`. */
  readonly sfn: SFNClient;
  readonly rds: RDSDataClient;
  stop(): Promise<void>;
}

/** What a suite chooses of its stack; the rest is fixed (ports picked by the system, logs silent). */
export interface StackOfItsOwnOptions {
  /** Names the app's resources, and its billing and orders schemas on the shared Data API. */
  readonly prefix: string;
  readonly timeScale: number;
  /** Step Functions' StartExecution quota, lowered. @default none (unthrottled) */
  readonly quota?: BucketQuota;
  /** The app's other options. @default one in-process adapter */
  readonly app?: Partial<Pick<LocalAppOptions, 'adapters' | 'seedDevCertificates' | 'outboxRelayIntervalMs'>>;
}

/**
 * A local cloud of a suite's own and an app on it, for what jest's shared cloud cannot hold: an
 * account-wide quota lowered (the shared cloud runs unthrottled), or a Lambda service in the
 * suite's process (the shared cloud's runs in jest's main process). Its Data API is the shared
 * cloud's (PGlite cannot start inside a test file); the app's billing and orders schemas are its
 * own, named after `prefix`.
 */
export async function startStackOfItsOwn(options: StackOfItsOwnOptions): Promise<StackOfItsOwn> {
  const cloud = await startLocalCloud({
    port: 0,
    timeScale: options.timeScale,
    services: ['sqs', 'dynamodb', 's3', 'rds-data', 'lambda', 'events', 'states', 'secretsmanager', 'apigateway'],
    borrow: { 'rds-data': testClientConfig().endpoint },
    logger: pino({ level: 'silent' }),
    ...(options.quota !== undefined ? { sfnQuotas: { StartExecution: options.quota } } : {}),
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
    ...options.app,
    lambda: isLambdaService(lambda) ? lambda : undefined,
    logger: pino({ level: 'silent' }),
  });
  const config = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const sfn = new SFNClient(config);
  const rds = new RDSDataClient(config);
  return {
    cloud,
    app,
    config,
    sfn,
    rds,
    stop: async () => {
      sfn.destroy();
      rds.destroy();
      await app.stop();
      await cloud.stop();
      await fs.rm(authDir, { recursive: true, force: true });
    },
  };
}
