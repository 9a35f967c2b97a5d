import { Command, InvalidArgumentError } from 'commander';
import path from 'node:path';
import { DEFAULT_ADAPTER_PRIORITY, DEFAULT_RELAY_NUDGE_WINDOW_MS, startLocalApp } from './app/startLocalApp';
import { watchParent } from './app/watchParent';
import { DEMO_CNPJ, NACIONAL_DEMO_CNPJ } from './app/demoInvoice';
import { readyBanner } from './app/readyBanner';
import { createLogger } from './createLogger';
import type { EcsLocalService } from './ecs/EcsLocalService';
import { isLambdaService } from './lambda/LambdaService';
import { startLocalCloud } from './startLocalCloud';
import { parseSfnQuotas, type SfnQuotas } from './stepfunctions/quotas/sfnQuotaProfiles';
import { ensureConsoleBuilt } from './web/buildConsole';
import { ConsoleServer } from './web/ConsoleServer';
import { DEV_TENANTS, localConsoleConfig } from './web/localConsoleConfig';

interface StartOptions {
  readonly port: number;
  readonly apiPort: number;
  readonly mockPort: number;
  readonly billingMockPort: number;
  readonly mockTlsPort: number;
  readonly consolePort: number;
  readonly host: string;
  readonly data?: string;
  readonly timeScale: number;
  readonly adapters: number;
  readonly sfnQuotas?: SfnQuotas;
  readonly outboxRelayInterval: number;
  readonly relayNudgeWindow: number;
  readonly adapterPriority: number;
  readonly schedules: boolean;
}

/** `npm start`: the local cloud and nfse-flow on it, in this process, until Ctrl-C. */
async function main(): Promise<void> {
  const options = new Command()
    .name('npm start --')
    .description('Start nfse-flow locally: an AWS edge (Step Functions, SQS, DynamoDB, S3, RDS Data API, Lambda, EventBridge, EventBridge Scheduler, ECS), the REST API, the adapters and a mock city.')
    .option('--port <port>', 'port of the AWS edge (env LOCAL_EDGE_PORT)', parseNumber('port', 0, 65535), parseNumber('port', 0, 65535)(process.env.LOCAL_EDGE_PORT ?? '4566'))
    .option('--api-port <port>', 'port of the REST API (env LOCAL_API_PORT)', parseNumber('port', 0, 65535), parseNumber('port', 0, 65535)(process.env.LOCAL_API_PORT ?? '3000'))
    .option('--mock-port <port>', 'port of the mock city provider (env LOCAL_MOCK_PORT)', parseNumber('port', 0, 65535), parseNumber('port', 0, 65535)(process.env.LOCAL_MOCK_PORT ?? '4580'))
    .option('--billing-mock-port <port>', 'port of the usage platform and ERP mocks (env LOCAL_BILLING_MOCK_PORT)', parseNumber('port', 0, 65535), parseNumber('port', 0, 65535)(process.env.LOCAL_BILLING_MOCK_PORT ?? '4582'))
    .option('--mock-tls-port <port>', 'HTTPS port of the mock city, with client certificates (mutual TLS: Belo Horizonte) (env LOCAL_MOCK_TLS_PORT)', parseNumber('port', 0, 65535), parseNumber('port', 0, 65535)(process.env.LOCAL_MOCK_TLS_PORT ?? '4581'))
    .option('--console-port <port>', 'port of the admin console (env LOCAL_CONSOLE_PORT)', parseNumber('port', 0, 65535), parseNumber('port', 0, 65535)(process.env.LOCAL_CONSOLE_PORT ?? '3001'))
    .option('--host <host>', 'address every server listens on, and a Host name they answer to besides loopback (env LOCAL_HOST; more names: LOCAL_ALLOWED_HOSTS)', process.env.LOCAL_HOST ?? '127.0.0.1')
    .option('--data <dir>', 'persist every service in this directory (default: in memory; env LOCAL_DATA_DIR)', process.env.LOCAL_DATA_DIR)
    .option('--time-scale <factor>', 'multiply every timer: waits, retries, heartbeats, visibility (0.1 = ten times faster)', parseScale, parseScale(process.env.LOCAL_TIME_SCALE ?? '1'))
    .option(
      '--sfn-quotas <spec>',
      "throttle Step Functions' API as AWS does: a region's documented defaults (aws-us-east-1, aws-sa-east-1) and/or buckets (StartExecution=5/2: bucket 5, refill 2/s), comma-separated (env LOCAL_SFN_QUOTAS; default: none)",
      parseQuotas,
      process.env.LOCAL_SFN_QUOTAS !== undefined ? parseQuotas(process.env.LOCAL_SFN_QUOTAS) : undefined,
    )
    .option(
      '--outbox-relay-interval <ms>',
      'AWS milliseconds between two runs of the outbox relay, which publishes the orders outbox to the bus (AWS runs it every minute, and on each nudge); 0 = only on nudges (env LOCAL_OUTBOX_RELAY_INTERVAL_MS)',
      parseNumber('interval', 0, 3_600_000),
      parseNumber('interval', 0, 3_600_000)(process.env.LOCAL_OUTBOX_RELAY_INTERVAL_MS ?? '1000'),
    )
    .option(
      '--relay-nudge-window <ms>',
      "milliseconds after a relay run's start within which writers' nudges share the next run; 0 = a nudge runs it as soon as the run in flight ends (env LOCAL_RELAY_NUDGE_WINDOW_MS)",
      parseNumber('window', 0, 60_000),
      parseNumber('window', 0, 60_000)(process.env.LOCAL_RELAY_NUDGE_WINDOW_MS ?? String(DEFAULT_RELAY_NUDGE_WINDOW_MS)),
    )
    .option(
      '--adapter-priority <n>',
      "OS scheduling priority of the adapter processes, 0 (normal) to 19 (lowest): below the cloud's and the API's, so a client's request does not wait for a core behind an invoice's signing and PDF (env LOCAL_ADAPTER_PRIORITY)",
      parseNumber('priority', 0, 19),
      parseNumber('priority', 0, 19)(process.env.LOCAL_ADAPTER_PRIORITY ?? String(DEFAULT_ADAPTER_PRIORITY)),
    )
    .option('--no-schedules', 'do not create the billing schedules (daily billing run 02:00, weekly CNPJ sync Sundays 01:00, São Paulo time) on the local Scheduler')
    .option('--adapters <n>', 'adapter processes (an ECS service; scale it with the ECS API)', parseNumber('adapter count', 0, 20), 2)
    .parse(process.argv)
    .opts<StartOptions>();
  watchParent((reason) => onParentGone(reason));
  const logger = createLogger();
  const started = Date.now();
  const dataDir = options.data !== undefined ? path.resolve(options.data) : undefined;
  const cloud = await startLocalCloud({ port: options.port, host: options.host, dataDir, timeScale: options.timeScale, logger, sfnQuotas: options.sfnQuotas });
  const lambda = cloud.services.get('lambda');
  // The console starts first: its origin is the API's CORS origin; its config names the API.
  const { distDir } = await ensureConsoleBuilt({ onBuild: () => process.stdout.write('building the console (web/) with Vite...\n') });
  let apiEndpoint = '';
  let consoleApiKey: string | undefined;
  const consoleServer = await new ConsoleServer({ distDir, config: () => localConsoleConfig(apiEndpoint, DEV_TENANTS, consoleApiKey), port: options.consolePort, host: options.host }).start();
  const app = await startLocalApp({
    consoleOrigin: consoleServer.endpoint,
    endpoint: cloud.endpoint,
    clock: cloud.clock,
    timeScale: options.timeScale,
    apiPort: options.apiPort,
    mockPort: options.mockPort,
    billingMockPort: options.billingMockPort,
    mockTlsPort: options.mockTlsPort,
    host: options.host,
    authDir: path.join(dataDir ?? path.resolve('.nfse-local'), 'auth'),
    pkiDir: path.join(dataDir ?? path.resolve('.nfse-local'), 'pki'),
    dataDir,
    adapters: { mode: 'ecs', ecs: cloud.services.get('ecs') as EcsLocalService, count: options.adapters },
    // The API on a core of its own, as bench:emission measures the stack (the cloud keeps the other).
    apiProcess: 'child-process',
    lambda: isLambdaService(lambda) ? lambda : undefined,
    outboxRelayIntervalMs: options.outboxRelayInterval,
    relayNudgeWindowMs: options.relayNudgeWindow,
    adapterPriority: options.adapterPriority,
    schedules: options.schedules,
    logger,
  });
  apiEndpoint = app.api.endpoint;
  consoleApiKey = app.consoleApiKey;
  const token = (await (
    await fetch(`${app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'dev-client', cnpjs: [DEMO_CNPJ, NACIONAL_DEMO_CNPJ], role: 'client', ttlSeconds: 12 * 3600 }) })
  ).json()) as { token: string };
  const banner = readyBanner({
    seconds: (Date.now() - started) / 1000,
    dataDir,
    timeScale: options.timeScale,
    edge: cloud.endpoint,
    services: [...cloud.services.keys()],
    api: app.api.endpoint,
    console: consoleServer.endpoint,
    mockUrl: app.mock.url,
    billingMocks: app.billingMocks,
    validation: app.mock.validationEnabled,
    ...(app.mock.tlsUrl === undefined ? {} : { mockTls: { url: app.mock.tlsUrl, caFile: app.pki.caFile } }),
    nacionalUrl: app.nacionalMock.url,
    adapters: options.adapters,
    apiKey: app.apiKey,
    token: token.token,
  });
  process.stdout.write(`${banner}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stdout.write(`\n${signal}: stopping (adapters drain first)...\n`);
    consoleServer
      .stop()
      .then(() => app.stop())
      .then(() => cloud.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'failed to stop cleanly');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // The terminal closed.
  process.on('SIGHUP', () => stop('SIGHUP'));
  onParentGone = (reason) => stop(reason.replace(/^its /, 'the '));
}

/**
 * What to do when the process that started us is gone: a supervisor that signals only npm (npm
 * does not pass SIGTERM on to a script's children), or npm SIGKILLed. Until the stack is up:
 * exit (our children follow us, see `followParent.ts`); then a clean stop.
 */
let onParentGone = (reason: string): void => {
  process.stderr.write(`npm start: ${reason} while starting; exiting\n`);
  process.exit(1);
};

function parseNumber(what: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${what} must be an integer ${min}-${max}, got '${value}'`);
    return n;
  };
}

function parseQuotas(value: string): SfnQuotas {
  try {
    return parseSfnQuotas(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function parseScale(value: string): number {
  const scale = Number(value);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new InvalidArgumentError(`time scale must be a positive number, got '${value}'`);
  return scale;
}

// The SDK nags about Node < 22; we support Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
