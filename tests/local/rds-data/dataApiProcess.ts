import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RDSDataClient } from '@aws-sdk/client-rds-data';

const REPO_ROOT = path.resolve(__dirname, '../../..');
/** The local cloud with only the Data API, in a child process (PGlite cannot start inside jest's sandbox). */
const CLOUD_PROCESS = path.join(REPO_ROOT, 'tests/local/rds-data/cloudProcess.ts');

/** A Data API of its own over a fresh PGlite: real Postgres, private to one suite. */
export interface DataApiProcess {
  readonly client: RDSDataClient;
  /** Another client of the same Data API (e.g. to give it middleware of its own); the caller destroys it. */
  newClient(): RDSDataClient;
  stop(): Promise<void>;
}

/** Starts the Data API on an empty database (seconds: PGlite starts) and a client for it. */
export function startDataApiProcess(): Promise<DataApiProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-infra-pg-'));
  // Always PGlite: this suite is about Postgres' own privilege checks, on a database of its own.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL'));
  const child = spawn(process.execPath, ['--import', 'tsx', CLOUD_PROCESS, dataDir], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
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
