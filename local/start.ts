import { Command, InvalidArgumentError } from 'commander';
import path from 'node:path';
import { startLocalApp } from './app/startLocalApp';
import { watchParent } from './app/watchParent';
import { DEMO_CNPJ, DEMO_INVOICE } from './app/demoInvoice';
import { createLogger } from './createLogger';
import type { EcsLocalService } from './ecs/EcsLocalService';
import { isLambdaService } from './lambda/LambdaService';
import { startLocalCloud } from './startLocalCloud';
import { ensureConsoleBuilt } from './web/buildConsole';
import { ConsoleServer } from './web/ConsoleServer';
import { DEV_TENANTS, localConsoleConfig } from './web/localConsoleConfig';

interface StartOptions {
  readonly port: number;
  readonly apiPort: number;
  readonly mockPort: number;
  readonly consolePort: number;
  readonly host: string;
  readonly data?: string;
  readonly timeScale: number;
  readonly adapters: number;
}

/** `npm start`: the local cloud and nfse-flow on it, in this process, until Ctrl-C. */
async function main(): Promise<void> {
  const options = new Command()
    .name('npm start --')
    .description('Start nfse-flow locally: an AWS edge (Step Functions, SQS, DynamoDB, S3, RDS Data API, Lambda, EventBridge, ECS), the REST API, the adapters and a mock city.')
    .option('--port <port>', 'port of the AWS edge (env LOCAL_EDGE_PORT)', parseNumber('port', 0, 65535), parseNumber('port', 0, 65535)(process.env.LOCAL_EDGE_PORT ?? '4566'))
    .option('--api-port <port>', 'port of the REST API (env LOCAL_API_PORT)', parseNumber('port', 0, 65535), parseNumber('port', 0, 65535)(process.env.LOCAL_API_PORT ?? '3000'))
    .option('--mock-port <port>', 'port of the mock city provider (env LOCAL_MOCK_PORT)', parseNumber('port', 0, 65535), parseNumber('port', 0, 65535)(process.env.LOCAL_MOCK_PORT ?? '4580'))
    .option('--console-port <port>', 'port of the admin console (env LOCAL_CONSOLE_PORT)', parseNumber('port', 0, 65535), parseNumber('port', 0, 65535)(process.env.LOCAL_CONSOLE_PORT ?? '3001'))
    .option('--host <host>', 'address every server listens on, and a Host name they answer to besides loopback (env LOCAL_HOST; more names: LOCAL_ALLOWED_HOSTS)', process.env.LOCAL_HOST ?? '127.0.0.1')
    .option('--data <dir>', 'persist every service in this directory (default: in memory; env LOCAL_DATA_DIR)', process.env.LOCAL_DATA_DIR)
    .option('--time-scale <factor>', 'multiply every timer: waits, retries, heartbeats, visibility (0.1 = ten times faster)', parseScale, parseScale(process.env.LOCAL_TIME_SCALE ?? '1'))
    .option('--adapters <n>', 'adapter processes (an ECS service; scale it with the ECS API)', parseNumber('adapter count', 0, 20), 2)
    .parse(process.argv)
    .opts<StartOptions>();
  watchParent((reason) => onParentGone(reason));
  const logger = createLogger();
  const started = Date.now();
  const dataDir = options.data !== undefined ? path.resolve(options.data) : undefined;
  const cloud = await startLocalCloud({ port: options.port, host: options.host, dataDir, timeScale: options.timeScale, logger });
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
    host: options.host,
    authDir: path.join(dataDir ?? path.resolve('.nfse-local'), 'auth'),
    dataDir,
    adapters: { mode: 'ecs', ecs: cloud.services.get('ecs') as EcsLocalService, count: options.adapters },
    // The API on a core of its own, as bench:emission measures the stack (the cloud keeps the other).
    apiProcess: 'child-process',
    lambda: isLambdaService(lambda) ? lambda : undefined,
    logger,
  });
  apiEndpoint = app.api.endpoint;
  consoleApiKey = app.consoleApiKey;
  const token = (await (
    await fetch(`${app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'dev-client', cnpjs: [DEMO_CNPJ], role: 'client', ttlSeconds: 12 * 3600 }) })
  ).json()) as { token: string };
  const lines = [
    `nfse-flow local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s — data ${dataDir !== undefined ? `in ${dataDir}` : 'in memory'}${options.timeScale !== 1 ? `, time scale ${options.timeScale}` : ''}`,
    `  AWS edge       ${cloud.endpoint}   (${[...cloud.services.keys()].join(', ')}; health: ${cloud.endpoint}/health)`,
    `  REST API       ${app.api.endpoint}`,
    `  console        ${consoleServer.endpoint}/   (sign in as a tenant's viewer, admin or ops)`,
    `  mock city      ${app.mock.url}/{IBGE code}   (one system per city; XSD validation ${app.mock.validationEnabled ? 'on' : 'OFF: set NFSE_SCHEMAS_DIR to the ABRASF 2.04 XSDs'})`,
    `  adapters       ${options.adapters} ECS task(s), cluster nfse, service adapters`,
    '',
    'A dev token (client of CNPJ ' + DEMO_CNPJ + ', 12 h) and the CLI\'s own API key (the console has another; a tenant\'s admin gives each client application its own: nfse api-keys create):',
    `  export NFSE_API_URL=${app.api.endpoint} NFSE_API_KEY=${app.apiKey}`,
    `  export NFSE_TOKEN=${token.token}`,
    '',
    'Emit an invoice:',
    `  curl -s -X POST "$NFSE_API_URL/invoices" -H "authorization: Bearer $NFSE_TOKEN" -H "x-api-key: $NFSE_API_KEY" \\`,
    `       -H 'content-type: application/json' -d '${JSON.stringify(DEMO_INVOICE)}'`,
    'then follow it: npm run nfse -- get <invoiceId> --wait    (other tokens: npm run nfse -- token --cnpj <CNPJ> --role ops)',
    '',
    // NFSE_ADAPTER_AUTOSCALING=off: the local cloud has no Application Auto Scaling for `nfse adapters scale` to set.
    'AWS SDK / CLI: export AWS_ENDPOINT_URL=' + cloud.endpoint + ' AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test NFSE_ADAPTER_AUTOSCALING=off',
    // StartSyncExecution goes to the operation's host prefix (sync-127.0.0.1), which does not resolve.
    '  (StartSyncExecution: create the SFN client with disableHostPrefix: true, or the SDK sends it to sync-<host>)',
    'Adapters (ECS tasks): npm run nfse -- adapters status | adapters scale <n>',
    'Ctrl-C stops everything.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
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
