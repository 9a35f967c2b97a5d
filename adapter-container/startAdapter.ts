import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import pino, { type Logger } from 'pino';
import type { AdapterConfig } from './adapterConfig';
import type { MunicipalityRegistry } from './municipalities/registry';
import type { ProviderBuilders } from './providers/providerFactories';
import { missingProviders, providerFactoryFrom } from './providers/providerFactories';
import { AdapterWorker } from './worker/AdapterWorker';
import { HealthServer } from './worker/HealthServer';
import { SystemClock, type WorkerClock } from './worker/WorkerClock';

/** What {@link startAdapter} builds on; the clients and clock default to real ones. */
export interface AdapterDependencies {
  readonly registry: MunicipalityRegistry;
  readonly providers: ProviderBuilders;
  /** Deletes and visibility changes. @default new SQSClient(ADAPTER_CLIENT_CONFIG) (region, credentials, AWS_ENDPOINT_URL from the environment) */
  readonly sqs?: SQSClient;
  /** The long polls (see {@link ADAPTER_CLIENT_CONFIG}). @default `sqs` when given, else new SQSClient({}) */
  readonly pollSqs?: SQSClient;
  /** @default new SFNClient(ADAPTER_CLIENT_CONFIG) */
  readonly sfn?: SFNClient;
  /** @default new S3Client(ADAPTER_CLIENT_CONFIG) */
  readonly s3?: S3Client;
  /** @default new SystemClock(config.timeScale) */
  readonly clock?: WorkerClock;
  /** @default pino on stdout at config.logLevel */
  readonly logger?: Logger;
}

/**
 * Config of the clients the adapter builds. `cacheMiddleware` (see `SmithyConfiguration` in
 * `@smithy/core`) resolves each command class's middleware stack once instead of on every call,
 * a fifth to a quarter of the SDK's CPU per call here. It applies only to `send(command)` without
 * options, which is how the worker calls everything but the long poll (its abort signal would
 * also drop the cache), so that goes through a client of its own. Nothing in the adapter edits a
 * middleware stack after the first call, which the cache would ignore.
 */
export const ADAPTER_CLIENT_CONFIG = { cacheMiddleware: true } as const;

/** A running adapter: the worker polling and its health endpoint. */
export interface RunningAdapter {
  readonly worker: AdapterWorker;
  readonly healthPort: number;
  /** Resolves when the worker stopped on its own or after {@link stop}. */
  readonly done: Promise<void>;
  /** Drains the worker (grace period), then closes the health endpoint. */
  stop(): Promise<void>;
}

/** The adapter's logger: JSON lines; task tokens are redacted (they let anyone answer the task). */
export function createAdapterLogger(level: string): Logger {
  return pino({ level, base: { component: 'adapter', pid: process.pid }, redact: ['taskToken', '*.taskToken'] });
}

/** Builds the worker and the health endpoint and starts polling. */
export async function startAdapter(config: AdapterConfig, deps: AdapterDependencies): Promise<RunningAdapter> {
  const logger = deps.logger ?? createAdapterLogger(config.logLevel);
  const missing = missingProviders(deps.registry.list(), deps.providers);
  if (missing.length > 0) throw new Error(`the municipality registry names providers with no implementation: ${missing.join(', ')}`);
  const worker = await AdapterWorker.create({
    queueUrl: config.queueUrl,
    bucket: config.bucket,
    registry: deps.registry,
    providerFactory: providerFactoryFrom(deps.providers),
    sqs: deps.sqs ?? new SQSClient(ADAPTER_CLIENT_CONFIG),
    pollSqs: deps.pollSqs ?? deps.sqs ?? new SQSClient({}),
    sfn: deps.sfn ?? new SFNClient(ADAPTER_CLIENT_CONFIG),
    s3: deps.s3 ?? new S3Client(ADAPTER_CLIENT_CONFIG),
    clock: deps.clock ?? new SystemClock(config.timeScale),
    logger,
    maxInFlight: config.maxInFlight,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
    shutdownGraceMs: config.shutdownGraceMs,
  });
  const health = await HealthServer.start({ port: config.healthPort, stats: () => worker.stats() });
  logger.info({ healthPort: health.port, municipalities: deps.registry.list().map((m) => m.code) }, 'adapter started');
  const done = worker.run();
  let stopping: Promise<void> | undefined;
  return {
    worker,
    healthPort: health.port,
    done,
    stop(): Promise<void> {
      stopping ??= worker.shutdown().then(() => health.stop());
      return stopping;
    },
  };
}
