import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { CHILD_BUNDLES_DIR_ENV } from '../../local/app/childScripts';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The command line of `nfse`: cli/bin.js (tsx), or the CLI's bundle of the run when the global
 * setup built one (the same cli/main.ts, without compiling it at each run).
 */
function nfseCommand(): string[] {
  const bundles = process.env[CHILD_BUNDLES_DIR_ENV];
  return [process.execPath, bundles !== undefined && bundles !== '' ? path.join(bundles, 'cli.js') : path.join(ROOT, 'cli/bin.js')];
}

/** What one run of the `nfse` command printed, and how it exited. */
export interface NfseRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `nfse` (cli/bin.js) from the repository root with this environment. */
export function runNfse(args: readonly string[], env: NodeJS.ProcessEnv): Promise<NfseRun> {
  return new Promise((resolve) => {
    const [node = process.execPath, ...command] = nfseCommand();
    execFile(node, [...command, ...args], { cwd: ROOT, env }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

/** What a run on a terminal showed (stdout and stderr together, as a terminal shows them) and how it exited. */
export interface NfseTerminalRun {
  readonly code: number;
  readonly screen: string;
}

const shellQuoted = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the real `nfse` on a pseudo-terminal (util-linux `script`), so stdin is a TTY as when a
 * person runs it; once `prompt` shows, `typed` is sent as keystrokes.
 */
export function runNfseOnTerminal(args: readonly string[], env: NodeJS.ProcessEnv, prompt: string, typed: string): Promise<NfseTerminalRun> {
  const command = [...nfseCommand(), ...args].map(shellQuoted).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] });
    let screen = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      if (!sent && screen.includes(prompt)) {
        sent = true;
        child.stdin.write(typed);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, screen: screen.replace(/\r\n/g, '\n') }));
  });
}
