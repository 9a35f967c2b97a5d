import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { childScript } from './childScripts';
import { PARENT_PID_ENV } from './watchParent';
import type { ApiSettings } from './startApi';

/** What the API's process tells its parent. */
export type ApiProcessMessage = { readonly kind: 'ready'; readonly endpoint: string } | { readonly kind: 'failed'; readonly message: string };

/** How long the API's process may take to compile and listen. */
const START_TIMEOUT_MS = 60_000;
/** How long it gets to close its server before it is killed. */
const STOP_TIMEOUT_MS = 5_000;

/**
 * The REST API in a child process (`apiProcessMain.ts`), so the gateway and the handlers — JWT
 * checks, validation, the RPS XML, their SDK calls — run on another core than the local cloud.
 */
export class ApiProcess {
  private constructor(
    private readonly child: ChildProcess,
    public readonly endpoint: string,
  ) {}

  /** Forks the API with `env` (the handlers' wiring) and resolves once it listens. */
  public static start(settings: ApiSettings, env: Readonly<Record<string, string | undefined>>): Promise<ApiProcess> {
    const script = childScript('api', env);
    const child = fork(script.entry, [], {
      execArgv: script.execArgv,
      cwd: path.resolve(__dirname, '../..'),
      env: { ...env, ...script.env, NFSE_API_SETTINGS: JSON.stringify(settings), [PARENT_PID_ENV]: String(process.pid) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the API process did not start within ${START_TIMEOUT_MS / 1000} s`));
      }, START_TIMEOUT_MS);
      const onExit = (code: number | null): void => {
        clearTimeout(timer);
        reject(new Error(`the API process exited with ${String(code)} before it listened`));
      };
      child.once('exit', onExit);
      child.once('message', (message: ApiProcessMessage) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        if (message.kind === 'ready') resolve(new ApiProcess(child, message.endpoint));
        else reject(new Error(`the API process failed to start: ${message.message}`));
      });
    });
  }

  /** Its process id (for CPU accounting). */
  public get pid(): number | undefined {
    return this.child.pid;
  }

  /** Stops the server and waits for the process to exit. */
  public async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const killer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    this.child.kill('SIGTERM');
    await exited;
    clearTimeout(killer);
  }
}
