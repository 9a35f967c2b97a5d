import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * V8 flags of the local stack's child processes (the API and the adapters). Under load they
 * allocate short-lived objects fast (HTTP, JSON, SDK middleware); a 64 MiB young generation
 * semi-space (V8's default is 16) makes scavenges rarer: bench:emission measured 15-25% less CPU
 * per invoice with it. Memory grows only under load. The cloud's own process (`npm start`, the
 * benches) keeps V8's default: there a scavenge's pause is what every request to the cloud waits
 * behind, and at 64 MiB single pauses reached 15-22 ms, with mark-compacts, against 7.5-10 ms and
 * none at 16 (bench/README, "Taking turns").
 */
export const LOCAL_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/**
 * `--cpu-prof` for the app's child processes (API, adapters) when NFSE_CHILD_CPU_PROF_DIR names a
 * directory: Node refuses `--cpu-prof` in NODE_OPTIONS, so it has to be on their command line.
 */
export function childProfilingArgs(): string[] {
  const dir = process.env.NFSE_CHILD_CPU_PROF_DIR;
  return dir !== undefined && dir !== '' ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/**
 * Node flags for a child process of the local stack that runs TypeScript through tsx and stops
 * when its parent is gone (`followParent.ts`).
 */
export function childNodeArgs(): string[] {
  return [...LOCAL_NODE_FLAGS, ...childProfilingArgs(), '--import', 'tsx', '--import', pathToFileURL(path.join(__dirname, 'followParent.ts')).href];
}
