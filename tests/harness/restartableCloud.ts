import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ServiceName } from '../../local/edge/EdgeRequest';
import { createLogger } from '../../local/createLogger';
import { startLocalCloud, type LocalCloud } from '../../local/startLocalCloud';

/** What an SDK client needs to reach one start of the cloud. */
export interface CloudClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** How {@link restartableCloud} starts each cloud. */
export interface RestartableCloudOptions<Client> {
  /** The services each start runs. */
  readonly services: readonly ServiceName[];
  /** Builds the client a test talks through, for each start's endpoint. */
  readonly client: (config: CloudClientConfig) => Client;
  /** @default 1 */
  readonly timeScale?: number;
}

/** One start of the cloud, with its client. */
export interface RunningCloud<Client> {
  readonly cloud: LocalCloud;
  readonly client: Client;
  /** Destroys the client, then stops the cloud: what it persisted stays for the next start. */
  stop(): Promise<void>;
}

/** How one start differs from the others. */
export interface StartOptions {
  /** On the shared data directory; `false` runs this start in memory, to compare with. @default true */
  readonly persist?: boolean;
}

/** A private local cloud on a data directory of its own, that a test stops and starts again. */
export interface RestartableCloud<Client> {
  /** The temporary data directory every start shares. */
  readonly dataDir: string;
  /**
   * Starts the cloud. After the first start it takes the first one's port again, as `npm start`
   * does, so URLs the first cloud handed out (QueueUrls, receipt handles) still lead to it.
   */
  start(options?: StartOptions): Promise<RunningCloud<Client>>;
  /** Stops every start still running and removes the data directory: for `afterEach`. */
  dispose(): Promise<void>;
}

/**
 * The one set-up of the persistence suites: the shared test cloud runs in memory, so a suite that
 * checks what survives a restart starts clouds of its own on a temporary data directory.
 */
export async function restartableCloud<Client extends { destroy(): void }>(options: RestartableCloudOptions<Client>): Promise<RestartableCloud<Client>> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `cloud-${options.services.join('-')}-`));
  const running = new Set<RunningCloud<Client>>();
  let port = 0;
  return {
    dataDir,
    async start(startOptions = {}) {
      const cloud = await startLocalCloud({
        port,
        dataDir: startOptions.persist === false ? undefined : dataDir,
        services: options.services,
        timeScale: options.timeScale,
        logger: createLogger('warn'),
      });
      port = Number(new URL(cloud.endpoint).port);
      const client = options.client({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      const started: RunningCloud<Client> = {
        cloud,
        client,
        async stop() {
          if (!running.delete(started)) return;
          client.destroy();
          await cloud.stop();
        },
      };
      running.add(started);
      return started;
    },
    async dispose() {
      await Promise.all([...running].map((started) => started.stop()));
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
