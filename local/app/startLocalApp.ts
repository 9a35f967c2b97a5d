import fs from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateEventSourceMappingCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from 'pino';
import { ENV } from '../../contracts/wiring';
import { adapterConfigFromEnv } from '../../adapter-container/adapterConfig';
import type { MunicipalityInput } from '../../contracts/municipality';
import { loadMunicipalityRegistry } from '../../lib/municipalities/registry';
import { defaultProviders } from '../../adapter-container/providers/defaultProviders';
import { createAdapterLogger } from '../../adapter-container/adapterLogger';
import { startAdapter, type AdapterDependencies, type RunningAdapter } from '../../adapter-container/startAdapter';
import { ADAPTER_CLIENT_CONFIG } from '../../adapter-container/worker/AdapterWorker';
import { handler as certificateExpiry } from '../../tasks/certificates/handler';
import { handler as processor } from '../../tasks/processor/handler';
import { handler as starter } from '../../tasks/starter/handler';
import { handler as sweeper } from '../../tasks/sweeper/handler';
import { LocalGrants } from '../apigateway/LocalGrants';
import type { LocalJwtIssuer } from '../apigateway/LocalJwtIssuer';
import type { UsagePlanOptions } from '../apigateway/UsagePlan';
import { bootstrapApp } from '../bootstrap/bootstrapApp';
import type { AppResourceNames } from '../bootstrap/appResourceNames';
import type { Clock } from '../../lib/clock/Clock';
import { localClientConfig } from '../edge/localClientConfig';
import type { EcsLocalService } from '../ecs/EcsLocalService';
import type { LambdaService } from '../lambda/LambdaService';
import { startProviderMock, type ProviderMock } from '../provider-mock/startProviderMock';
import { ApiProcess } from './ApiProcess';
import { childNodeArgs } from './childNodeArgs';
import { localApiKey, localPageTokenKey } from './authMaterial';
import { loadLocalIssuer, startApi, type ApiSettings } from './startApi';
import { DEMO_CNPJ, DEMO_COMPANY } from './demoInvoice';
import { seedCompany } from './seedCompany';

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
  /** The address the API and the mock listen on (`--host`); also a Host name they answer to. @default '127.0.0.1' */
  readonly host?: string;
  /** Where the JWT signing key and the API key live (stable across restarts). */
  readonly authDir: string;
  /** The stack's `--data`: the mock city keeps what it issued in `provider-mock/` there. @default in memory */
  readonly dataDir?: string;
  /** The console's origin, allowed by CORS. @default 'http://127.0.0.1:3001' */
  readonly consoleOrigin?: string;
  readonly adapters: AdapterMode;
  /** Wires the DLQ processor and the sweeper as Lambda functions (needs the cloud's own process). */
  readonly lambda?: LambdaService;
  /**
   * Where the REST API (gateway and handlers) runs: in this process, or in a child process of its
   * own so it gets a core of its own. @default 'in-process'
   */
  readonly apiProcess?: 'in-process' | 'child-process';
  /** The API key's usage plan (throttling). @default the gateway's: 100 requests/s, burst 200 */
  readonly usagePlan?: UsagePlanOptions;
  /** IBGE codes the mock runs asynchronously. @default ['3106200'] (Belo Horizonte, as the built-in registry says) */
  readonly asyncCities?: readonly string[];
  /**
   * The municipality registry, given the mock's base URL (each city at `{url}/{IBGE code}`):
   * written to `authDir` as the `MUNICIPALITIES_FILE` the adapters and the API's handlers read
   * (in this process or the API's own, which inherits this environment).
   * @default `MUNICIPALITIES_FILE` of the environment, else the built-in list under the mock's URL
   */
  readonly municipalities?: (mockUrl: string) => readonly MunicipalityInput[];
  readonly logger: Logger;
}

/** The REST API, wherever it runs. */
export interface RunningApi {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** The app running on a local cloud. */
export interface LocalApp {
  readonly names: AppResourceNames;
  readonly api: RunningApi;
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
  // The printed curl emits for the dev company: its record is there, as after an onboarding.
  await seedCompany(options.endpoint, names.companiesTable, DEMO_CNPJ, DEMO_COMPANY);
  // Tokens outlive a restart (their key is kept in authDir), so their grants must too.
  await restoreGrants(options.endpoint, names.tenantsTable, options.authDir);
  const mock = await startProviderMock({
    port: options.mockPort ?? 4580,
    host: options.host,
    dataDir: options.dataDir !== undefined ? path.join(options.dataDir, 'provider-mock') : undefined,
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
    ...(options.municipalities !== undefined ? { MUNICIPALITIES_FILE: await writeMunicipalities(options.authDir, options.municipalities(mock.url)) } : {}),
    CORS_ALLOWED_ORIGINS: options.consoleOrigin ?? 'http://127.0.0.1:3001',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // Locally, a principal without a grant is one `nfse token` away from it.
    [ENV.NoGrantHelp]: 'locally, grant one with npm run nfse -- token --sub {principal} --cnpj <CNPJ> [--role client|viewer|admin|ops]',
    // A key given in the environment wins, as in AWS; otherwise the one kept in the auth directory.
    [ENV.PageTokenKey]: process.env[ENV.PageTokenKey] ?? (await localPageTokenKey(options.authDir)),
  };
  Object.assign(process.env, env);

  const issuer = await loadLocalIssuer(options.authDir);
  const apiKey = await localApiKey(options.authDir);
  const apiSettings: ApiSettings = {
    port: options.apiPort ?? 3000,
    host: options.host,
    endpoint: options.endpoint,
    authDir: options.authDir,
    apiKey,
    tenantsTable: names.tenantsTable,
    consoleOrigin: options.consoleOrigin ?? 'http://127.0.0.1:3001',
    usagePlan: options.usagePlan,
  };
  const api: RunningApi = options.apiProcess === 'child-process'
    ? await ApiProcess.start(apiSettings, { ...process.env, LOCAL_LOG_LEVEL: options.logger.level })
    : await startApi(apiSettings, options.logger.child({ component: 'api' }));

  const adapters: RunningAdapter[] = [];
  if (options.adapters.mode === 'ecs') {
    await options.adapters.ecs.defineService(ADAPTER_CLUSTER, {
      serviceName: ADAPTER_SERVICE,
      desiredCount: options.adapters.count,
      taskDefinition: {
        family: 'nfse-adapter',
        command: [process.execPath, ...childNodeArgs(), path.join('adapter-container', 'main.ts')],
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
          ...inProcessAdapterClients(options.endpoint, region),
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

/**
 * SDK clients for an adapter running in the same process as the local cloud: the ones it would
 * build from the environment, handing their requests to the edge without a socket. None (the
 * adapter builds its own) when the cloud runs elsewhere, e.g. in jest's global setup.
 */
function inProcessAdapterClients(endpoint: string, region: string): Pick<AdapterDependencies, 'sqs' | 'pollSqs' | 'sfn' | 's3' | 'dynamodb'> {
  const { requestHandler } = localClientConfig({ endpoint, region });
  if (requestHandler === undefined) return {};
  const config = { endpoint, region, credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test' }, requestHandler };
  // As the worker builds its own (ADAPTER_CLIENT_CONFIG): cached middleware (but for the document
  // client, which refuses it), and the abortable long polls on a client of their own.
  const cached = { ...config, ...ADAPTER_CLIENT_CONFIG };
  return { sqs: new SQSClient(cached), pollSqs: new SQSClient(config), sfn: new SFNClient(cached), s3: new S3Client(cached), dynamodb: DynamoDBDocumentClient.from(new DynamoDBClient(config)) };
}

async function restoreGrants(endpoint: string, tenantsTable: string, authDir: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    await LocalGrants.in(authDir).restore(client, tenantsTable);
  } finally {
    client.destroy();
  }
}

/** Writes the registry where the adapters read it (`MUNICIPALITIES_FILE`); returns the file. */
async function writeMunicipalities(dir: string, municipalities: readonly MunicipalityInput[]): Promise<string> {
  const file = path.join(dir, 'municipalities.json');
  await fs.writeFile(file, JSON.stringify(municipalities));
  return file;
}

/** The DLQ processor on RequestsDLQ, the starter on StartQueue, the sweeper every 5 minutes and the certificate expiry check daily, as the CDK app wires them. */
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
  await wireStarter(client, lambda, names);
  const events = new EventBridgeClient(config);
  await events.send(new PutRuleCommand({ Name: sweeperName, ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' }));
  await events.send(new PutTargetsCommand({ Rule: sweeperName, Targets: [{ Id: 'sweeper', Arn: sweeperFn.arn }] }));
  const expiryName = `${names.prefix}-certificate-expiry`;
  const expiryFn = lambda.register(expiryName, certificateExpiry, { timeoutSeconds: 120, maximumRetryAttempts: 0 });
  await events.send(new PutRuleCommand({ Name: expiryName, ScheduleExpression: 'rate(1 day)', State: 'ENABLED' }));
  await events.send(new PutTargetsCommand({ Rule: expiryName, Targets: [{ Id: 'certificate-expiry', Arn: expiryFn.arn }] }));
}

/** The starter on StartQueue, mapped once (the mapping outlives a restart under `--data`). */
async function wireStarter(client: LambdaClient, lambda: LambdaService, names: AppResourceNames): Promise<void> {
  const functionName = `${names.prefix}-starter`;
  lambda.register(functionName, starter, { timeoutSeconds: 10 });
  const queueArn = `arn:aws:sqs:us-east-1:000000000000:${names.startQueue}`;
  const existing = await client.send(new ListEventSourceMappingsCommand({ EventSourceArn: queueArn, FunctionName: functionName }));
  if ((existing.EventSourceMappings ?? []).length === 0) {
    await client.send(new CreateEventSourceMappingCommand({ EventSourceArn: queueArn, FunctionName: functionName, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] }));
  }
}
