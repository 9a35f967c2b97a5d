import fs from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { CHILD_ENTRIES } from './childScripts';

const ROOT = path.resolve(__dirname, '../..');

/** The CLI's entry, bundled beside the children for the suites that run `nfse`. */
const CLI_ENTRY = path.join('cli', 'main.ts');

/**
 * Bundles the child processes' code (and the CLI's) into a new folder under `.nfse-local/`,
 * answering its path. Dependencies stay outside the bundles, required from the repository's
 * node_modules (found by walking up from the folder), as tsx would load them.
 */
export async function buildChildBundles(): Promise<string> {
  const parent = path.join(ROOT, '.nfse-local');
  await fs.mkdir(parent, { recursive: true });
  const outdir = await fs.mkdtemp(path.join(parent, 'bundles-'));
  await build({
    entryPoints: { ...Object.fromEntries(Object.entries(CHILD_ENTRIES).map(([name, entry]) => [name, path.join(ROOT, entry)])), cli: path.join(ROOT, CLI_ENTRY) },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    // What cli/bin.js does before loading the CLI (the children inherit it from the stack's env anyway).
    banner: { js: "process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';" },
  });
  return outdir;
}
