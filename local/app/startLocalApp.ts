import fs from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateEventSourceMappingCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import type { DestinationStream, Logger } from 'pino';
import { ENV } from '../../contracts/wiring';
import { adapterConfigFromEnv } from '../../adapter-container/adapterConfig';
import { MunicipalityListSchema, type MunicipalityInput } from '../../contracts/municipality';
import { builtInMunicipalities } from '../../lib/municipalities/builtInMunicipalities';
import { loadMunicipalityRegistry } from '../../lib/municipalities/registry';
import { defaultProviders } from '../../adapter-container/providers/defaultProviders';
import { createAdapterLogger } from '../../adapter-container/adapterLogger';
import { startAdapter, type AdapterDependencies, type RunningAdapter } from '../../adapter-container/startAdapter';
import { ADAPTER_CLIENTS } from '../../adapter-container/worker/adapterClients';
import { handler as certificateExpiry } from '../../tasks/certificates/handler';
import { handler as processor } from '../../tasks/processor/handler';
import { handler as outboxRelay } from '../../tasks/outbox/handler';
import { handler as ordersConsumer } from '../../tasks/outbox/consumer/handler';
import { ORDERS_CONSUMER_TIMEOUT_SECONDS } from '../../contracts/orderEventRouting';
import { coalescedRuns } from './coalescedRuns';
import { OutboxRelayLoop } from './OutboxRelayLoop';
import { handler as starter } from '../../tasks/starter/handler';
import { handler as sweeper } from '../../tasks/sweeper/handler';
import { LocalGrants } from '../apigateway/LocalGrants';
import { ALLOW_LOOPBACK_ENV, handler as webhookSender } from '../../tasks/webhooks/sender/handler';
import type { LocalJwtIssuer } from '../apigateway/LocalJwtIssuer';
import { bootstrapApp } from '../bootstrap/bootstrapApp';
import type { AppResourceNames } from '../bootstrap/appResourceNames';
import type { Clock } from '../../lib/clock/Clock';
import { localClientConfig } from '../edge/localClientConfig';
import type { EcsLocalService } from '../ecs/EcsLocalService';
import type { LambdaService } from '../lambda/LambdaService';
import { startProviderMock, type ProviderMock } from '../provider-mock/startProviderMock';
import { startBillingMocks, type BillingMocks } from '../billing-mocks/startBillingMocks';
import { onMockTls } from '../provider-mock/onMockTls';
import { createNacionalMock, SEFIN_BASE_PATH, type NacionalMockService } from '../provider-mock/nacional';
import { ApiProcess } from './ApiProcess';
import { childScript } from './childScripts';
import { localPageTokenKey } from './authMaterial';
import { ensureLocalApiKeys, type UsagePlanOptions } from './localApiKeys';
import { loadLocalIssuer, startApi, type ApiSettings } from './startApi';
import { DEMO_CNPJ, DEMO_COMPANY, NACIONAL_DEMO_CNPJ, NACIONAL_DEMO_COMPANY } from './demoInvoice';
import { seedCompany } from './seedCompany';
import { putBillingSecret, wireBillingFunctions } from './wireBilling';
import { wireOrderFunctions } from './wireOrders';
import { wireInvoiceMetrics } from './wireInvoiceMetrics';
import type { EmfSink } from '../../lib/metrics/MetricsEmitter';
import { seedCompanyCertificate } from './seedCompanyCertificate';
import { LocalPki } from '../certificates/LocalPki';

/** The national system's mock as the local app serves it (on the mock city's HTTPS listener). */
export type LocalNacionalMock = Omit<NacionalMockService, 'handle' | 'close'> & {
  /** The API's base URL (`https://127.0.0.1:4581/SefinNacional`): the national cities' `endpoint`. */
  readonly url: string;
};

/** How the adapters run. */
export type AdapterMode =
  /** As ECS tasks (child processes running adapter-container/main.ts), as in AWS. */
  | { readonly mode: 'ecs'; readonly ecs: EcsLocalService; readonly count: number }
  /** In this process (tests: faster, and the worker's state is observable). */
  | { readonly mode: 'in-process'; readonly count: number };

/**
 * The OS priority of the adapter tasks' processes (`LocalAppOptions.adapterPriority`): below the
 * API's and the cloud's, which serve the clients' requests.
 */
export const DEFAULT_ADAPTER_PRIORITY = 10;

/** Writers' relay nudges within this many milliseconds of a relay run's start share the next run (`LocalAppOptions.relayNudgeWindowMs`). */
export const DEFAULT_RELAY_NUDGE_WINDOW_MS = 100;

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
  /** The usage platform and ERP mocks' port. @default 4582, or a free one when `mockPort` is 0 */
  readonly billingMockPort?: number;
  /** The mock city's HTTPS port (mutual TLS: the cities with `mtls`). @default 4581, or a free port when `mockPort` is 0 */
  readonly mockTlsPort?: number;
  /**
   * The local PKI (test CA, the mock's server certificate, the companies' A1-like certificates),
   * created there once and reused. @default `{authDir}/pki`
   */
  readonly pkiDir?: string;
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
   * AWS milliseconds between two runs of the outbox relay (`npm start --outbox-relay-interval`,
   * 1000 there): the local stand-in for its one-minute schedule, so an order's events reach the
   * bus within a second. Needs `lambda`. Off unless asked (the app's own outbox, in its own orders
   * schema, so a test app's relay only publishes what that app wrote).
   * @default 0 (no loop; a writer's nudge still runs the relay)
   */
  readonly outboxRelayIntervalMs?: number;
  /**
   * How long after a relay run starts the next one may start, in ms: the nudges of a busy moment
   * (several an order) share one claim, one PutEvents of up to ten rows and one mark, instead of a
   * run each. An event waits at most this much longer to be published. 0: a nudge runs the relay
   * as soon as the run in flight ends. @default DEFAULT_RELAY_NUDGE_WINDOW_MS
   */
  readonly relayNudgeWindowMs?: number;
  /**
   * The OS scheduling priority of the ECS adapter tasks' processes, 0 (normal) to 19 (lowest). In
   * AWS the adapters run on Fargate tasks of their own; here they share the cores with the cloud
   * and the API, and their work (an invoice's signing, city call and PDF, seconds with a real
   * city) is background work for the client: set lower, it waits for a free core instead of
   * making a POST wait for one. Their CPU per invoice is the same; under full load an invoice
   * takes longer to ISSUED while the POSTs keep their pace. @default DEFAULT_ADAPTER_PRIORITY
   */
  readonly adapterPriority?: number;
  /**
   * Where the REST API (gateway and handlers) runs: in this process, or in a child process of its
   * own so it gets a core of its own. @default 'in-process'
   */
  readonly apiProcess?: 'in-process' | 'child-process';
  /** The throttle of the console's and the CLI's keys (the platform plan), and the gateway's clock. @default the platform plan's: 100 requests/s, burst 200 */
  readonly usagePlan?: UsagePlanOptions;
  /** Upload the two dev companies' A1 certificates once the API is up, as `npm start` needs. @default true */
  readonly seedDevCertificates?: boolean;
  /** Create the daily billing and weekly CNPJ sync schedules on the cloud's Scheduler (`npm start`; `--no-schedules` skips them). @default false */
  readonly schedules?: boolean;
  /** IBGE codes the mock runs asynchronously. @default ['3106200'] (Belo Horizonte, as the built-in registry says) */
  readonly asyncCities?: readonly string[];
  /**
   * The municipality registry, given the mock's base URL (each city at `{url}/{IBGE code}`) and
   * the national mock's (with the local CA's file): written to `authDir` as the
   * `MUNICIPALITIES_FILE` the adapters and the API's handlers read (in this process or the API's
   * own, which inherits this environment). A city with `mtls` whose endpoint is on the mock is
   * moved to the mock's HTTPS listener, with the local CA as its `caFile`; the mock checks the
   * signatures each city's `signing` requires.
   * @default `MUNICIPALITIES_FILE` of the environment, else the built-in list under the mocks' URLs
   */
  readonly municipalities?: (mockUrl: string, nacional: { readonly url: string; readonly caFile: string }) => readonly MunicipalityInput[];
  /**
   * The webhook sender function the delivery workflow invokes, when another registers it (jest's
   * shared cloud). @default `{prefix}-webhook-sender`, registered here when `lambda` is given
   */
  readonly webhookSenderFunction?: string;
  /**
   * Where the invoice metrics function's EMF documents go (metrics are disabled locally), e.g. a
   * suite's list. @default the function's log at debug (`POWERTOOLS_LOG_LEVEL=DEBUG` shows them)
   */
  readonly invoiceMetricsEmf?: EmfSink;
  readonly logger: Logger;
  /** Where in-process adapters write their log lines (JSON, redacted). @default stdout */
  readonly adapterLog?: DestinationStream;
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
  /** The usage platform and the ERP (Omie) that billing talks to. */
  readonly billingMocks: BillingMocks;
  /** The national system's mock (Sefin Nacional), on the mock city's HTTPS listener. */
  readonly nacionalMock: LocalNacionalMock;
  readonly issuer: LocalJwtIssuer;
  /** The CLI's API key (scripts, curl, the tests). */
  readonly apiKey: string;
  /** The local PKI: its CA is what the mock city trusts, its companies' certificates what they upload. */
  readonly pki: LocalPki;
  /** The console's own API key. */
  readonly consoleApiKey: string;
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
  const names = await bootstrapApp({ endpoint: options.endpoint, prefix: options.prefix, region, webhookSenderFunction: options.webhookSenderFunction, schedules: options.schedules });
  const pki = await LocalPki.open(options.pkiDir ?? path.join(options.authDir, 'pki'));
  // The printed curl emits for the dev company: its record (and, once the API is up, its A1 certificate) are there, as after an onboarding.
  await seedCompany(options.endpoint, names.companiesTable, DEMO_CNPJ, DEMO_COMPANY);
  // Tokens outlive a restart (their key is kept in authDir), so their grants must too.
  await restoreGrants(options.endpoint, names.tenantsTable, options.authDir);
  // The second dev company is on the national system, with a certificate of the same local PKI.
  await seedCompany(options.endpoint, names.companiesTable, NACIONAL_DEMO_CNPJ, NACIONAL_DEMO_COMPANY);
  const cities = options.municipalities ?? citiesOfEnvironment(municipalitiesFileIn(options.authDir));
  // What each city requires (signatures, mutual TLS) and its name do not depend on where it listens.
  const described = MunicipalityListSchema.parse(cities('http://127.0.0.1/nfse', { url: `https://127.0.0.1${SEFIN_BASE_PATH}`, caFile: pki.caFile }));
  // The national system's mock, served on the mock city's HTTPS listener: one port, one CA, for every mutual-TLS system.
  const nacional = await createNacionalMock({
    ca: pki.ca,
    dataDir: options.dataDir !== undefined ? path.join(options.dataDir, 'nacional-mock') : undefined,
    logger: options.logger.child({ component: 'nacional-mock' }),
    sleep: (ms) => options.clock.sleep(ms),
    municipalities: described.filter((municipality) => municipality.provider === 'nacional'),
  });
  const mockPort = options.mockPort ?? 4580;
  const mock = await startProviderMock({
    port: mockPort,
    host: options.host,
    dataDir: options.dataDir !== undefined ? path.join(options.dataDir, 'provider-mock') : undefined,
    logger: options.logger.child({ component: 'provider-mock' }),
    sleep: (ms) => options.clock.sleep(ms),
    knobs: { cityModes: Object.fromEntries((options.asyncCities ?? ['3106200']).map((code) => [code, 'async' as const])) },
    municipalities: described,
    trustedCaPems: [pki.ca.certificatePem],
    tls: {
      port: options.mockTlsPort ?? (mockPort === 0 ? 0 : 4581),
      certificatePem: pki.server.certificatePem,
      privateKeyPem: pki.server.privateKeyPem,
      caPem: pki.ca.certificatePem,
      mounts: [{ prefix: SEFIN_BASE_PATH, handle: nacional.handle }],
    },
  });
  const cloudConfig = { endpoint: options.endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const billingMocks = await startBillingMocks({
    port: options.billingMockPort ?? (options.mockPort === 0 ? 0 : 4582),
    host: options.host,
    timeScale: options.timeScale,
    sleep: (ms) => options.clock.sleep(ms),
    logger: options.logger.child({ component: 'billing-mocks' }),
  });
  const { handle: _handle, close: closeNacional, ...nacionalApi } = nacional;
  const nacionalMock: LocalNacionalMock = { ...nacionalApi, url: `${new URL(mock.tlsUrl ?? 'https://127.0.0.1').origin}${SEFIN_BASE_PATH}` };
  const nacionalSystem = { url: nacionalMock.url, caFile: pki.caFile };
  const municipalitiesFile = await writeMunicipalities(options.authDir, onMockTls(cities(mock.url, nacionalSystem), mock, pki.caFile));
  // The usage plans and the console's and the CLI's keys, as the CDK app creates them in AWS.
  const apiKeys = await ensureLocalApiKeys({
    endpoint: options.endpoint,
    prefix: names.prefix,
    authDir: options.authDir,
    platform: { ...(options.usagePlan?.ratePerSecond !== undefined ? { ratePerSecond: options.usagePlan.ratePerSecond } : {}), ...(options.usagePlan?.burst !== undefined ? { burst: options.usagePlan.burst } : {}) },
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
    MUNICIPALITIES_FILE: municipalitiesFile,
    CORS_ALLOWED_ORIGINS: options.consoleOrigin ?? 'http://127.0.0.1:3001',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // Nothing reads EMF locally: the adapters log their metrics at debug (ADAPTER_LOG_LEVEL=debug shows them), stdout stays readable.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    // Locally, a principal without a grant is one `nfse token` away from it.
    [ENV.NoGrantHelp]: 'locally, grant one with npm run nfse -- token --sub {principal} --cnpj <CNPJ> [--role client|viewer|admin|ops]',
    // Local development: webhooks may go to a receiver on this machine (`nfse webhooks listen`).
    // WEBHOOK_ALLOW_LOOPBACK=false in the environment makes the local stack refuse them as AWS does.
    [ALLOW_LOOPBACK_ENV]: process.env[ALLOW_LOOPBACK_ENV] ?? 'true',
    // A key given in the environment wins, as in AWS; otherwise the one kept in the auth directory.
    [ENV.PageTokenKey]: process.env[ENV.PageTokenKey] ?? (await localPageTokenKey(options.authDir)),
    [ENV.UsageApiUrl]: billingMocks.usageUrl,
    [ENV.ErpApiUrl]: billingMocks.omieUrl,
    [ENV.BillingSecretArn]: await putBillingSecret(cloudConfig, names, billingMocks),
    // The dev company issues the usage invoices: its record (seeded above) has a default service.
    [ENV.BillingIssuerCnpj]: process.env[ENV.BillingIssuerCnpj] ?? DEMO_CNPJ,
  };
  Object.assign(process.env, env);
  const billing = await wireBillingFunctions(cloudConfig, names, options.lambda);
  const orders = await wireOrderFunctions(cloudConfig, names, options.lambda);
  const invoiceMetrics = await wireInvoiceMetrics(cloudConfig, names, options.lambda, options.invoiceMetricsEmf);

  const issuer = await loadLocalIssuer(options.authDir);
  const apiKey = apiKeys.cli;
  const apiSettings: ApiSettings = {
    port: options.apiPort ?? 3000,
    host: options.host,
    endpoint: options.endpoint,
    authDir: options.authDir,
    apiKey,
    tenantsTable: names.tenantsTable,
    consoleOrigin: options.consoleOrigin ?? 'http://127.0.0.1:3001',
    ...(options.usagePlan?.now !== undefined ? { throttleClock: options.usagePlan.now } : {}),
  };
  const api: RunningApi = options.apiProcess === 'child-process'
    ? await ApiProcess.start(apiSettings, { ...process.env, LOCAL_LOG_LEVEL: options.logger.level })
    : await startApi(apiSettings, options.logger.child({ component: 'api' }));

  if (options.seedDevCertificates !== false) {
    await seedCompanyCertificate({ endpoint: api.endpoint, apiKey }, pki, DEMO_CNPJ, DEMO_COMPANY.razaoSocial);
    await seedCompanyCertificate({ endpoint: api.endpoint, apiKey }, pki, NACIONAL_DEMO_CNPJ, NACIONAL_DEMO_COMPANY.razaoSocial);
  }

  const adapters: RunningAdapter[] = [];
  if (options.adapters.mode === 'ecs') {
    const adapterScript = childScript('adapter');
    await options.adapters.ecs.defineService(ADAPTER_CLUSTER, {
      serviceName: ADAPTER_SERVICE,
      desiredCount: options.adapters.count,
      taskDefinition: {
        family: 'nfse-adapter',
        command: [process.execPath, ...adapterScript.execArgv, adapterScript.entry],
        env: { ...(process.env as Record<string, string>), ...env, ...adapterScript.env, LOG_LEVEL: process.env.ADAPTER_LOG_LEVEL ?? 'warn' },
        cwd: path.resolve(__dirname, '../..'),
        stopTimeoutMs: 35_000,
        osPriority: options.adapterPriority ?? DEFAULT_ADAPTER_PRIORITY,
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
          logger: createAdapterLogger(process.env.ADAPTER_LOG_LEVEL ?? 'warn', options.adapterLog),
          ...inProcessAdapterClients(options.endpoint, region),
        }),
      );
    }
  }
  if (options.lambda !== undefined) await wireLambdas(options.lambda, names, options.endpoint, options.relayNudgeWindowMs ?? DEFAULT_RELAY_NUDGE_WINDOW_MS);
  const relayLambda = options.lambda;
  const relayInterval = options.outboxRelayIntervalMs ?? 0;
  const relayLoop = relayLambda !== undefined && relayInterval > 0
    ? OutboxRelayLoop.start({ run: () => relayLambda.invoke(names.outboxRelayFunction, {}), clock: options.clock, intervalMs: relayInterval, logger: options.logger.child({ component: 'outbox-relay' }) })
    : undefined;

  return {
    names,
    api,
    mock,
    billingMocks,
    nacionalMock,
    issuer,
    apiKey,
    pki,
    consoleApiKey: apiKeys.console,
    adapters,
    async stop(): Promise<void> {
      await relayLoop?.stop();
      await Promise.all(adapters.map((adapter) => adapter.stop()));
      await api.stop();
      await mock.stop();
      await billing.stop();
      await orders.stop();
      await invoiceMetrics.stop();
      await billingMocks.stop();
      closeNacional();
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
  const base = { endpoint, region, credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test' }, requestHandler };
  // The clients the worker builds for itself (ADAPTER_CLIENTS), on the edge's handler. The poll
  // client is given, so the worker aborts its polls by signal (the handler has no socket to destroy).
  return { sqs: ADAPTER_CLIENTS.sqs(base), pollSqs: ADAPTER_CLIENTS.pollSqs(base), sfn: ADAPTER_CLIENTS.sfn(base), s3: ADAPTER_CLIENTS.s3(base), dynamodb: ADAPTER_CLIENTS.dynamodb(undefined, base) };
}

/**
 * The cities of the environment's `MUNICIPALITIES_FILE` (as they are, wherever the mock listens),
 * else the built-in ones on the mocks. The file an app of this process wrote itself (`ownFile`)
 * names an earlier mock's URL: not the environment's choice.
 */
function citiesOfEnvironment(ownFile: string): NonNullable<LocalAppOptions['municipalities']> {
  const file = process.env[ENV.MunicipalitiesFile];
  if (file === undefined || file === '' || path.resolve(file) === ownFile) return (url, nacional) => builtInMunicipalities(url, url, { endpoint: nacional.url, caFile: nacional.caFile });
  const listed = loadMunicipalityRegistry({ [ENV.MunicipalitiesFile]: file }).list();
  return () => listed;
}

function municipalitiesFileIn(authDir: string): string {
  return path.resolve(authDir, 'municipalities.json');
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
  const file = municipalitiesFileIn(dir);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(file, JSON.stringify(municipalities));
  return file;
}

/** The DLQ processor on RequestsDLQ, the starter on StartQueue, the sweeper every 5 minutes, the certificate expiry check daily and the webhook sender, as the CDK app wires them. */
async function wireLambdas(lambda: LambdaService, names: AppResourceNames, endpoint: string, relayNudgeWindowMs: number): Promise<void> {
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
  lambda.register(names.webhookSenderFunction, webhookSender, { timeoutSeconds: 15 });
  await wireOutbox(client, lambda, names, relayNudgeWindowMs);
  const expiryName = `${names.prefix}-certificate-expiry`;
  const expiryFn = lambda.register(expiryName, certificateExpiry, { timeoutSeconds: 120, maximumRetryAttempts: 0 });
  await events.send(new PutRuleCommand({ Name: expiryName, ScheduleExpression: 'rate(1 day)', State: 'ENABLED' }));
  await events.send(new PutTargetsCommand({ Rule: expiryName, Targets: [{ Id: 'certificate-expiry', Arn: expiryFn.arn }] }));
}

/** The outbox relay (run by the relay loop and by writers' nudges) and the sample consumer on the orders-events queue, as the CDK app wires them. */
async function wireOutbox(client: LambdaClient, lambda: LambdaService, names: AppResourceNames, relayNudgeWindowMs: number): Promise<void> {
  // A failed nudge is not worth retrying: the loop runs the relay again within a second. Every
  // async invoke runs at once in this one process: two nudges per order would each run a claim and
  // a mark on PGlite's one session, so overlapping nudges share runs, and nudges within
  // relayNudgeWindowMs of a run's start share the next one.
  lambda.register(names.outboxRelayFunction, coalescedRuns(outboxRelay, { minIntervalMs: relayNudgeWindowMs }), { timeoutSeconds: 30, maximumRetryAttempts: 0 });
  lambda.register(names.ordersConsumerFunction, ordersConsumer, { timeoutSeconds: ORDERS_CONSUMER_TIMEOUT_SECONDS });
  const queueArn = `arn:aws:sqs:us-east-1:000000000000:${names.ordersEventsQueue}`;
  const existing = await client.send(new ListEventSourceMappingsCommand({ EventSourceArn: queueArn, FunctionName: names.ordersConsumerFunction }));
  if ((existing.EventSourceMappings ?? []).length === 0) {
    await client.send(new CreateEventSourceMappingCommand({ EventSourceArn: queueArn, FunctionName: names.ordersConsumerFunction, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] }));
  }
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
