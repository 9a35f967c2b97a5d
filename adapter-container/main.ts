import { adapterConfigFromEnv } from './adapterConfig';
import { createAdapterLogger } from './adapterLogger';
import { loadMunicipalityRegistry } from '../lib/municipalities/registry';
import { defaultProviders } from './providers/defaultProviders';
import { startAdapter } from './startAdapter';
import { messageTracerFromEnv } from './tracing/MessageTracer';

/**
 * The adapter process: `tsx adapter-container/main.ts` locally (the local cloud spawns it with
 * the env vars), `node` in the container. Runs until SIGTERM (ECS stop, local cloud stop) or
 * SIGINT, drains within the grace period, then exits 0; a start-up error exits 1.
 */
async function main(): Promise<void> {
  const config = adapterConfigFromEnv();
  const logger = createAdapterLogger(config.logLevel);
  const tracer = await messageTracerFromEnv(process.env, logger);
  const adapter = await startAdapter(config, { registry: loadMunicipalityRegistry(), providers: defaultProviders(config, { logger }), logger, tracer });
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'shutting down');
    adapter.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

main().catch((error: unknown) => {
  createAdapterLogger('error').fatal({ err: error }, 'the adapter could not start');
  process.exit(1);
});
