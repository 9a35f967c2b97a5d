/**
 * The REST API in a process of its own (`ApiProcess`): the gateway and the `tasks/` handlers,
 * as Lambda would run them beside the rest of the cloud. Settings arrive as JSON in
 * NFSE_API_SETTINGS, the wiring in the environment; the endpoint goes back over IPC.
 */
import pino from 'pino';
import type { ApiProcessMessage } from './ApiProcess';
import { startApi, type ApiSettings } from './startApi';

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.NFSE_API_SETTINGS ?? '{}') as ApiSettings;
  const logger = pino({ level: process.env.LOCAL_LOG_LEVEL ?? 'warn', base: { component: 'api' } }, pino.destination(2));
  const gateway = await startApi(settings, logger);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // The process exits once the gateway has stopped, whatever stop() settled with.
    void gateway.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  // The parent went away (or asked us to stop by disconnecting): nothing is left to serve.
  process.on('disconnect', stop);
  const ready: ApiProcessMessage = { kind: 'ready', endpoint: gateway.endpoint };
  process.send?.(ready);
}

main().catch((error: unknown) => {
  const failed: ApiProcessMessage = { kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  process.send?.(failed);
  process.exit(1);
});
