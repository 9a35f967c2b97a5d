import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RDSDataClient } from '@aws-sdk/client-rds-data';

const REPO_ROOT = path.resolve(__dirname, '../../..');
/** The local cloud with only the Data API, in a child process (PGlite cannot start inside jest's sandbox). */
const CLOUD_PROCESS = path.join(__dirname, 'cloudProcess.ts');

/** A Data API of its own over PGlite: real Postgres, private to one suite. */
export interface DataApiProcess {
  readonly client: RDSDataClient;
  /** Another client of the same Data API (e.g. to give it middleware of its own); the caller destroys it. */
  newClient(): RDSDataClient;
  /** Stops the process the way `npm start` is stopped (SIGTERM) and waits for it to end. */
  stop(): Promise<void>;
}

/** Where {@link startDataApiProcess} keeps its database. */
export interface DataApiProcessOptions {
  /**
   * A data directory the caller owns: kept when the process stops, so the next start finds what
   * this one wrote. @default a fresh temporary directory, removed by `stop()`
   */
  readonly dataDir?: string;
}

/** Starts the Data API (seconds: PGlite starts) and a client for it. */
export function startDataApiProcess(options: DataApiProcessOptions = {}): Promise<DataApiProcess> {
  const ownDataDir = options.dataDir === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-data-api-')) : undefined;
  const dataDir = options.dataDir ?? ownDataDir ?? '';
  // Always PGlite, even when the suite runs on Postgres (DATABASE_URL): a database of its own.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL'));
  const child = spawn(process.execPath, ['--import', 'tsx', CLOUD_PROCESS, dataDir], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (ownDataDir !== undefined) fs.rmSync(ownDataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /READY (\S+)/.exec(stdout);
      if (ready?.[1] === undefined) return;
      const endpoint = ready[1];
      const newClient = (): RDSDataClient => new RDSDataClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
      const client = newClient();
      resolve({
        client,
        newClient,
        stop: async () => {
          client.destroy();
          await stop();
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`the Data API process exited (${String(code)}): ${stderr}`)));
  });
}
