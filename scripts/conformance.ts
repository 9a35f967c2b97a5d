/**
 * Runs the recorded Step Functions conformance cases (../shared/conformance) against our engine:
 * starts a local cloud with only `states`, runs the shared runner with SFN_ENDPOINT set,
 * forwards extra CLI arguments (`--filter`, `--verbose`, ...), then stops the cloud.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createLogger } from '../local/createLogger';
import { startLocalCloud } from '../local/startLocalCloud';

/** Wait states in the cases last at most 10 s; at this scale they take 0.1 s. */
const TIME_SCALE = 0.01;

/**
 * The runner's budget per case, in seconds, from StartExecution to the end (its own default is 20).
 * A case takes milliseconds on a quiet machine, but beside other heavy work every request waits for
 * the CPU: a generous budget keeps a slow machine from turning into failed cases. `--timeout` overrides it.
 */
const CASE_TIMEOUT_SECONDS = '120';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..');
  const runner = path.resolve(root, '..', 'shared', 'conformance', 'run.mjs');
  const cloud = await startLocalCloud({ port: 0, services: ['states'], timeScale: TIME_SCALE, logger: createLogger(process.env.LOCAL_LOG_LEVEL ?? 'warn') });
  try {
    const args = process.argv.slice(2);
    const tier = args.find((a, i) => !a.startsWith('--') && (i === 0 || !['--filter', '--concurrency', '--timeout', '--json'].includes(args[i - 1] ?? ''))) ?? 'visible';
    const rest = args.filter((a) => a !== tier);
    if (!rest.includes('--timeout')) rest.push('--timeout', CASE_TIMEOUT_SECONDS);
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [runner, tier, ...rest], { cwd: root, stdio: 'inherit', env: { ...process.env, SFN_ENDPOINT: cloud.endpoint } });
      child.on('error', reject);
      child.on('exit', (code) => resolve(code ?? 1));
    });
  } finally {
    await cloud.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`conformance: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
