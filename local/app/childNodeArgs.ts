import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * V8 flags every process of the local stack runs with (`npm start`, the API and adapter child
 * processes, the benches). Under load they all allocate short-lived objects fast (HTTP, JSON, SDK
 * middleware); a 64 MiB young generation semi-space (V8's default is 16) makes scavenges rarer:
 * bench:emission measured 15-25% less CPU per invoice with it. Memory grows only under load. The
 * package.json scripts that start a stack (start, bench:emission, bench:chaos) pass the same flag.
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
