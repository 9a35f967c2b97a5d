import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository's `web/` folder. */
export const WEB_DIR = path.resolve(__dirname, '..', '..', 'web');
const SOURCES = [path.join(WEB_DIR, 'src'), path.join(WEB_DIR, 'public'), path.join(WEB_DIR, 'index.html'), path.join(WEB_DIR, 'vite.config.mts'), path.resolve(WEB_DIR, '..', 'contracts'), path.resolve(WEB_DIR, '..', 'clients', 'typescript', 'src'), path.resolve(WEB_DIR, '..', 'openapi.json')];

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** True when `web/dist` is missing or older than a source of the console. */
export function consoleBuildIsStale(distDir = path.join(WEB_DIR, 'dist')): boolean {
  const built = newestMtime(path.join(distDir, 'index.html'));
  return built === 0 || SOURCES.some((source) => newestMtime(source) > built);
}

/**
 * Builds the console with Vite when its sources changed since the last build (a few seconds;
 * skipped otherwise). Vite runs in a child process: it is ESM and loads its own config.
 */
export async function ensureConsoleBuilt(options: { readonly force?: boolean; readonly onBuild?: () => void } = {}): Promise<{ readonly distDir: string; readonly built: boolean }> {
  const distDir = path.join(WEB_DIR, 'dist');
  if (options.force !== true && !consoleBuildIsStale(distDir)) return { distDir, built: false };
  options.onBuild?.();
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    // NODE_ENV decides React's build: jest sets it to `test`, which would ship React's development build.
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn', WEB_DIR], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${String(code)}):\n${output}`))));
  });
  return { distDir, built: true };
}
