import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** What one run of the `nfse` command printed, and how it exited. */
export interface NfseRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `nfse` (cli/bin.js) from the repository root with this environment. */
export function runNfse(args: readonly string[], env: NodeJS.ProcessEnv): Promise<NfseRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'cli/bin.js'), ...args], { cwd: ROOT, env }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}
