import path from 'node:path';
import { CreateEventSourceMappingCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import type { Logger } from 'pino';
import { adapterConfigFromEnv } from '../../adapter-container/adapterConfig';
import { loadMunicipalityRegistry } from '../../adapter-container/municipalities/registry';
import { defaultProviders } from '../../adapter-container/providers/defaultProviders';
import { startAdapter, createAdapterLogger, type RunningAdapter } from '../../adapter-container/startAdapter';
import { handler as processor } from '../../tasks/processor/handler';
import { handler as sweeper } from '../../tasks/sweeper/handler';
import { API_ROUTES } from '../apigateway/apiRoutes';
import { devAuthExtension } from '../apigateway/devAuthExtension';
import { LocalApiGateway } from '../apigateway/LocalApiGateway';
import { LocalJwtIssuer } from '../apigateway/LocalJwtIssuer';
import { bootstrapApp } from '../bootstrap/bootstrapApp';
import type { AppResourceNames } from '../bootstrap/appResourceNames';
import type { Clock } from '../clock/Clock';
import type { EcsLocalService } from '../ecs/EcsLocalService';
import type { LambdaService } from '../lambda/LambdaService';
import { startProviderMock, type ProviderMock } from '../provider-mock/startProviderMock';
import { localApiKey } from './authMaterial';

/** How the adapters run. */
export type AdapterMode =
  /** As ECS tasks (child processes running adapter-container/main.ts), as in AWS. */
  | { readonly mode: 'ecs'; readonly ecs: EcsLocalService; readonly count: number }
  /** In this process (tests: faster, and the worker's state is observable). */
  | { readonly mode: 'in-process'; readonly count: number };

/** Options of {@link startLocalApp}. */
export interface LocalAppOptions {
  /** The local cloud's edge. */
  readonly endpoint: string;
  readonly clock: Clock;
  /** The local cloud's time scale, handed to the adapters. */
  readonly timeScale: number;
  /** Resource name prefix. @default 'nfse' */
  readonly prefix?: string;
  /** @default 3000 */
  readonly apiPort?: number;
  /** @default 4580 */
  readonly mockPort?: number;
  /** Where the JWT signing key and the API key live (stable across restarts). */
  readonly authDir: string;
  /** The console's origin, allowed by CORS. @default 'http://127.0.0.1:3001' */
  readonly consoleOrigin?: string;
  readonly adapters: AdapterMode;
  /** Wires the DLQ processor and the sweeper as Lambda functions (needs the cloud's own process). */
  readonly lambda?: LambdaService;
  /** IBGE codes the mock runs asynchronously. @default ['3106200'] (Belo Horizonte, as the built-in registry says) */
  readonly asyncCities?: readonly string[];
  readonly logger: Logger;
}

/** The app running on a local cloud. */
export interface LocalApp {
  readonly names: AppResourceNames;
  readonly api: LocalApiGateway;
  readonly mock: ProviderMock;
  readonly issuer: LocalJwtIssuer;
  readonly apiKey: string;
  /** In-process adapters (empty when they run as ECS tasks). */
  readonly adapters: readonly RunningAdapter[];
  stop(): Promise<void>;
}

/** The ECS cluster and service the adapters run as, locally and in AWS. */
export const ADAPTER_CLUSTER = 'nfse';
export const ADAPTER_SERVICE = 'adapters';

/**
 * Starts nfse-flow on a running local cloud: resources (idempotently), the provider mock, the
 * API gateway with the `tasks/` handlers in-process, the adapters, the DLQ processor and the
 * sweeper. Handlers read their wiring from process.env, as a Lambda does, so this sets it.
 */
export async function startLocalApp(options: LocalAppOptions): Promise<LocalApp> {
  const region = 'us-east-1';
  const names = await bootstrapApp({ endpoint: options.endpoint, prefix: options.prefix, region });
  const mock = await startProviderMock({
    port: options.mockPort ?? 4580,
    logger: options.logger.child({ component: 'provider-mock' }),
    sleep: (ms) => options.clock.sleep(ms),
    knobs: { cityModes: Object.fromEntries((options.asyncCities ?? ['3106200']).map((code) => [code, 'async' as const])) },
  });
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: options.endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'test',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...names.env,
    PROVIDER_ENDPOINT: mock.url,
    ADAPTER_TIME_SCALE: String(options.timeScale),
    ADAPTER_HEALTH_PORT: '0',
    // Each adapter takes the city's limit divided by this; a service scaled from 0 still divides by 1.
    ADAPTER_COUNT: String(Math.max(1, options.adapters.count)),
    CORS_ALLOWED_ORIGINS: options.consoleOrigin ?? 'http://127.0.0.1:3001',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  };
  Object.assign(process.env, env);

  const issuer = await LocalJwtIssuer.create('http://127.0.0.1/local-issuer', path.join(options.authDir, 'jwt-signing-key.json'));
  const apiKey = await localApiKey(options.authDir);
  const api = await LocalApiGateway.start({
    port: options.apiPort ?? 3000,
    routes: API_ROUTES,
    issuer,
    apiKeys: [apiKey],
    corsOrigins: [options.consoleOrigin ?? 'http://127.0.0.1:3001'],
    logger: options.logger.child({ component: 'api' }),
    extension: devAuthExtension({ issuer, tenantsTable: names.tenantsTable, apiKey, endpoint: options.endpoint }),
  });

  const adapters: RunningAdapter[] = [];
  if (options.adapters.mode === 'ecs') {
    await options.adapters.ecs.defineService(ADAPTER_CLUSTER, {
      serviceName: ADAPTER_SERVICE,
      desiredCount: options.adapters.count,
      taskDefinition: {
        family: 'nfse-adapter',
        command: [process.execPath, '--import', 'tsx', path.join('adapter-container', 'main.ts')],
        env: { ...(process.env as Record<string, string>), ...env, LOG_LEVEL: process.env.ADAPTER_LOG_LEVEL ?? 'warn' },
        cwd: path.resolve(__dirname, '../..'),
        stopTimeoutMs: 35_000,
      },
    });
  } else if (options.adapters.count > 0) {
    const config = adapterConfigFromEnv(process.env);
    const registry = loadMunicipalityRegistry(process.env);
    for (let i = 0; i < options.adapters.count; i++) {
      adapters.push(
        await startAdapter(config, {
          registry,
          providers: defaultProviders(config),
          logger: createAdapterLogger(process.env.ADAPTER_LOG_LEVEL ?? 'warn'),
        }),
      );
    }
  }
  if (options.lambda !== undefined) await wireLambdas(options.lambda, names, options.endpoint);

  return {
    names,
    api,
    mock,
    issuer,
    apiKey,
    adapters,
    async stop(): Promise<void> {
      await Promise.all(adapters.map((adapter) => adapter.stop()));
      await api.stop();
      await mock.stop();
    },
  };
}

/** The DLQ processor on RequestsDLQ and the sweeper every 5 minutes, as the CDK app wires them. */
async function wireLambdas(lambda: LambdaService, names: AppResourceNames, endpoint: string): Promise<void> {
  const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const processorName = `${names.requestsQueue}-processor`;
  const sweeperName = `${names.requestsQueue}-sweeper`;
  lambda.register(processorName, processor, { timeoutSeconds: 60 });
  const sweeperFn = lambda.register(sweeperName, sweeper, { timeoutSeconds: 120, maximumRetryAttempts: 0 });
  const client = new LambdaClient(config);
  const dlqArn = `arn:aws:sqs:us-east-1:000000000000:${names.requestsDlq}`;
  const existing = await client.send(new ListEventSourceMappingsCommand({ EventSourceArn: dlqArn, FunctionName: processorName }));
  if ((existing.EventSourceMappings ?? []).length === 0) {
    await client.send(new CreateEventSourceMappingCommand({ EventSourceArn: dlqArn, FunctionName: processorName, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] }));
  }
  const events = new EventBridgeClient(config);
  await events.send(new PutRuleCommand({ Name: sweeperName, ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' }));
  await events.send(new PutTargetsCommand({ Rule: sweeperName, Targets: [{ Id: 'sweeper', Arn: sweeperFn.arn }] }));
}
