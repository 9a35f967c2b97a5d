/**
 * A local cloud with only the Data API, in a process of its own: `tsx cloudProcess.ts <dataDir>`.
 * Prints `READY <endpoint>` once it serves; stops cleanly on SIGTERM, or when its parent goes away
 * (stdin closes), so a crashed test run leaves no cloud behind. (PGlite loads Node modules
 * with dynamic `import()`, which jest's module sandbox refuses, so a test cannot host it.)
 */
import { createLogger } from '../../../local/createLogger';
import { startLocalCloud } from '../../../local/startLocalCloud';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (dataDir === undefined) throw new Error('usage: cloudProcess.ts <dataDir>');
  const cloud = await startLocalCloud({ port: 0, dataDir, services: ['rds-data'], logger: createLogger('warn') });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void cloud.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.stdin.once('close', stop);
  process.stdin.resume();
  process.stdout.write(`READY ${cloud.endpoint}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
