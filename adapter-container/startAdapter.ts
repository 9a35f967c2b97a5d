import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from 'pino';
import { ScaledClock } from '../lib/clock/ScaledClock';
import type { AdapterConfig } from './adapterConfig';
import { createAdapterLogger } from './adapterLogger';
import type { MunicipalityRegistry } from '../lib/municipalities/registry';
import type { ProviderBuilders } from './providers/providerFactories';
import { missingProviders, providerFactoryFrom } from './providers/providerFactories';
import { cityTlsProblems } from './tls/cityTlsProblems';
import type { MessageTracer } from './tracing/MessageTracer';
import type { CityAgents } from './tls/CityAgents';
import { AdapterWorker } from './worker/AdapterWorker';
import { HealthServer } from './worker/HealthServer';

/** What {@link startAdapter} builds on. The clients are passed to the worker as given: it applies their defaults. */
export interface AdapterDependencies {
  readonly registry: MunicipalityRegistry;
  readonly providers: ProviderBuilders;
  /** Deletes and visibility changes. @default the worker's (`AdapterWorkerOptions.sqs`) */
  readonly sqs?: SQSClient;
  /** The long polls. @default the worker's (`AdapterWorkerOptions.pollSqs`) */
  readonly pollSqs?: SQSClient;
  /** @default the worker's (`AdapterWorkerOptions.sfn`) */
  readonly sfn?: SFNClient;
  /** @default the worker's (`AdapterWorkerOptions.s3`) */
  readonly s3?: S3Client;
  /** The city limits table's and the companies'. @default the worker's (`AdapterWorkerOptions.dynamodb`) */
  readonly dynamodb?: DynamoDBDocumentClient;
  /** @default {@link createAdapterLogger} at config.logLevel, on stdout */
  readonly logger?: Logger;
  /** The HTTPS agents of the city calls. @default the worker's (`AdapterWorkerOptions.cityAgents`) */
  readonly cityAgents?: CityAgents;
  /** X-Ray in the Fargate task (`messageTracerFromEnv`). @default the worker's (`AdapterWorkerOptions.tracer`: none) */
  readonly tracer?: MessageTracer;
}

/** A running adapter: the worker polling and its health endpoint. */
export interface RunningAdapter {
  readonly worker: AdapterWorker;
  readonly healthPort: number;
  /** Resolves when the worker stopped on its own or after {@link stop}. */
  readonly done: Promise<void>;
  /** Drains the worker (grace period), then closes the health endpoint. */
  stop(): Promise<void>;
}

/** Builds the worker and the health endpoint from the configuration and starts polling. */
export async function startAdapter(config: AdapterConfig, deps: AdapterDependencies): Promise<RunningAdapter> {
  const missing = missingProviders(deps.registry.list(), deps.providers);
  if (missing.length > 0) throw new Error(`the municipality registry names providers with no implementation: ${missing.join(', ')}`);

  const worker = await AdapterWorker.create({
    queueUrl: config.queueUrl,
    bucket: config.bucket,
    cityLimitsTable: config.cityLimitsTable,
    certificateSecretPrefix: config.certificateSecretPrefix,
    companiesTable: config.companiesTable,
    certificateCacheSeconds: config.certificateCacheSeconds,
    companyCacheSeconds: config.companyCacheSeconds,
    cityAgents: deps.cityAgents,
    tracer: deps.tracer,
    registry: deps.registry,
    providerFactory: providerFactoryFrom(deps.providers),
    sqs: deps.sqs,
    pollSqs: deps.pollSqs,
    sfn: deps.sfn,
    s3: deps.s3,
    dynamodb: deps.dynamodb,
    // The worker's timers run at the cloud's pace when a local cloud sets a time scale.
    clock: new ScaledClock({ timeScale: config.timeScale }),
    logger: deps.logger ?? createAdapterLogger(config.logLevel),
    maxInFlight: config.maxInFlight,
    maxWaiting: config.maxWaiting,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
    shutdownGraceMs: config.shutdownGraceMs,
  });
  const health = await HealthServer.start({ port: config.healthPort, host: config.healthHost, stats: () => worker.stats() });
  worker.logger.info({ healthHost: health.host, healthPort: health.port, municipalities: deps.registry.list().map((m) => m.code) }, 'adapter started');
  if (config.companiesTable === '') worker.logger.warn('COMPANIES_TABLE is not set: NFS-e of cities that serve no PDF (ABRASF) are issued without our DANFSe');
  // Said once at start; each call to such a city then fails as Provider.Rejected MunicipalityMisconfigured.
  for (const problem of cityTlsProblems(deps.registry.list())) worker.logger.error({ problem }, 'a municipality of the registry cannot be called');
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
