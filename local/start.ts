import { Command, InvalidArgumentError } from 'commander';
import path from 'node:path';
import { createLogger } from './createLogger';
import { startLocalCloud } from './startLocalCloud';

/** `npm start`: the local cloud in this process, until Ctrl-C. */
async function main(): Promise<void> {
  const program = new Command()
    .name('npm start --')
    .description('Start the nfse-flow local cloud: an AWS edge with Step Functions, SQS, DynamoDB, S3, RDS Data API, Lambda and EventBridge.')
    .option('--port <port>', 'port of the AWS edge (env LOCAL_EDGE_PORT)', parsePort, parsePort(process.env.LOCAL_EDGE_PORT ?? '4566'))
    .option('--host <host>', 'address to listen on', process.env.LOCAL_HOST ?? '127.0.0.1')
    .option('--data <dir>', 'persist every service in this directory (default: in memory; env LOCAL_DATA_DIR)', process.env.LOCAL_DATA_DIR)
    .option('--time-scale <factor>', 'multiply every local timer (0.1 = ten times faster)', parseScale, parseScale(process.env.LOCAL_TIME_SCALE ?? '1'))
    .parse(process.argv);
  const options = program.opts<{ port: number; host: string; data?: string; timeScale: number }>();
  const logger = createLogger();
  const started = Date.now();
  const cloud = await startLocalCloud({
    port: options.port,
    host: options.host,
    dataDir: options.data !== undefined ? path.resolve(options.data) : undefined,
    timeScale: options.timeScale,
    logger,
  });
  const lines = [
    `nfse-flow local cloud ready in ${((Date.now() - started) / 1000).toFixed(1)} s${options.data !== undefined ? ` (data in ${path.resolve(options.data)})` : ' (in memory)'}`,
    `  AWS edge   ${cloud.endpoint}   (health: ${cloud.endpoint}/health)`,
    ...[...cloud.services.keys()].map((name) => `    ${name.padEnd(9)} ${cloud.endpoint}`),
    '',
    'Point the AWS SDK or CLI at it:',
    `  export AWS_ENDPOINT_URL=${cloud.endpoint} AWS_REGION=${cloud.env.AWS_REGION} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test`,
    '',
    'Ctrl-C stops it.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the local cloud...\n`);
    cloud.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`port must be an integer 0-65535, got '${value}'`);
  return port;
}

function parseScale(value: string): number {
  const scale = Number(value);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new InvalidArgumentError(`time scale must be a positive number, got '${value}'`);
  return scale;
}

// The SDK nags about Node < 22; we support Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
