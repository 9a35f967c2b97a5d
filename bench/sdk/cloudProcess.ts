/**
 * The local cloud of `bench/sdk/run.ts`, in a process of its own so the benchmark's process
 * measures its SDK clients' CPU alone: starts the services the hot calls use, sends its
 * environment to the parent, and stops when the parent goes.
 */
import { createLogger } from '../../local/createLogger';
import { startLocalCloud } from '../../local/startLocalCloud';

async function main(): Promise<void> {
  const cloud = await startLocalCloud({ port: 0, services: ['sqs', 'states', 'dynamodb', 's3'], logger: createLogger('warn') });
  process.send?.({ env: cloud.env });
  process.on('disconnect', () => {
    void cloud.stop().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
