import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { childNodeArgs } from '../../local/app/childNodeArgs';
import { lowerOnSpawn } from '../../local/os/lowerProcessPriority';

/**
 * The mock city in a process of its own (`local/provider-mock/main.ts`), as a real city is
 * outside the stack: its SOAP parsing, XSD validation and answers neither slow the local cloud's
 * event loop nor wait for it, and at a lower priority it does not take a core from the stack's
 * own processes. Knobs go through its admin API.
 */
export class MockCityProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly base: string,
  ) {}

  /**
   * Starts it on `port` and waits until its health endpoint answers. With the registry file and
   * the local PKI it checks the signatures the cities require, as `npm start`'s mock does. Its
   * process runs at OS priority `priority` (0 normal, 19 lowest).
   */
  public static async start(port: number, checks?: { readonly municipalitiesFile: string; readonly pkiDir: string }, priority = 0): Promise<MockCityProcess> {
    const root = path.resolve(__dirname, '../..');
    const args = ['--port', String(port), ...(checks === undefined ? [] : ['--municipalities', checks.municipalitiesFile, '--pki', checks.pkiDir, '--tls-port', '0'])];
    const child = spawn(process.execPath, [...childNodeArgs(), path.join(root, 'local', 'provider-mock', 'main.ts'), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: process.env });
    if (priority > 0) lowerOnSpawn(child, priority, (refused) => process.stderr.write(`the mock city runs at normal priority: ${refused.message}\n`));
    const mock = new MockCityProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the mock city exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${mock.base}/_mock/health`)).ok) return mock;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error('the mock city did not start within 60 s');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Sets knobs (`POST /_mock/config`). */
  public async setKnobs(patch: Readonly<Record<string, unknown>>): Promise<void> {
    const response = await fetch(`${this.base}/_mock/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
    if (!response.ok) throw new Error(`the mock city refused the knobs: ${response.status} ${await response.text()}`);
  }

  public async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }
}
