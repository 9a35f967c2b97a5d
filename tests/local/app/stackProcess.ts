import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { eventually } from '../../harness/eventually';

/** The repository root, where `npm start` runs. */
export const REPO = path.resolve(__dirname, '..', '..', '..');

/** The ports `npm start` listens on. */
export interface StackPorts {
  readonly edge: number;
  readonly api: number;
  readonly console: number;
  readonly mock: number;
  /** The mock city's HTTPS port (mutual TLS). */
  readonly mockTls: number;
}

/** Options of {@link startStack}. */
export interface StackOptions {
  /** `npm`: `npm start -- …`, as a developer or a supervisor runs it; `node`: local/start.ts directly. */
  readonly via: 'npm' | 'node';
  readonly ports: StackPorts;
  readonly dataDir?: string;
  /** @default 1 */
  readonly timeScale?: number;
  /** @default 1 */
  readonly adapters?: number;
  /** How long the stack may take to print that it is ready. @default 120 s */
  readonly readyTimeoutMs?: number;
}

/** A local stack running as processes of its own, in a process group of its own. */
export interface StackProcess {
  /** The process started (npm, or node running local/start.ts); its pid is the group's id. */
  readonly child: ChildProcess;
  readonly pgid: number;
  readonly apiKey: string;
  readonly token: string;
  /** Everything it printed so far. */
  output(): string;
}

/** Ports free right now (a listener on port 0 tells one, then lets it go). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Starts `npm start` (or local/start.ts) detached, and resolves once it printed its dev token. */
export async function startStack(options: StackOptions): Promise<StackProcess> {
  const { ports } = options;
  const flags = ['--port', ports.edge, '--api-port', ports.api, '--console-port', ports.console, '--mock-port', ports.mock, '--mock-tls-port', ports.mockTls, '--billing-mock-port', 0, '--time-scale', options.timeScale ?? 1, '--adapters', options.adapters ?? 1].map(String);
  if (options.dataDir !== undefined) flags.push('--data', options.dataDir);
  const [command, args] = options.via === 'npm' ? ['npm', ['start', '--silent', '--', ...flags]] as const : [process.execPath, ['--import', 'tsx', path.join('local', 'start.ts'), ...flags]] as const;
  const child = spawn(command, args, { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOCAL_LOG_LEVEL: 'warn', AWS_ENDPOINT_URL: undefined } });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const pgid = child.pid ?? -1;
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null): void => fail(new Error(`the stack exited with ${String(code)} before it was ready:\n${output}`));
    const settle = (): void => {
      clearInterval(poll);
      clearTimeout(timer);
      child.off('exit', onExit);
    };
    const fail = (error: Error): void => {
      settle();
      killGroup(pgid, 'SIGKILL');
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`the stack was not ready within ${(options.readyTimeoutMs ?? 120_000) / 1000} s:\n${output}`)), options.readyTimeoutMs ?? 120_000);
    const poll = setInterval(() => {
      if (!/export NFSE_TOKEN=\S+/.test(output)) return;
      settle();
      resolve();
    }, 100);
    child.once('exit', onExit);
  });
  const apiKey = /NFSE_API_KEY=(\S+)/.exec(output)?.[1] ?? '';
  const token = /export NFSE_TOKEN=(\S+)/.exec(output)?.[1] ?? '';
  return { child, pgid, apiKey, token, output: () => output };
}

/** Signals every process of a group (ESRCH: it is already empty). */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** The live processes of a group, as `pid command` (zombies hold no port and run nothing: left out). */
export function processesInGroup(pgid: number): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid || fields[0] === 'Z') continue;
    found.push(`${entry} ${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}`);
  }
  return found;
}

/** The ports among `ports` something still listens on. */
export async function boundPorts(ports: readonly number[]): Promise<number[]> {
  const bound = await Promise.all(
    ports.map((port) => new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(true));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
    })),
  );
  return ports.filter((_, i) => bound[i]);
}

/** Waits until `check` holds, polling; throws with `describe()` when `timeoutMs` runs out. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, describe: () => string): Promise<void> {
  await eventually(describe, check, (ok) => ok, { timeoutMs, intervalMs: 250 });
}
