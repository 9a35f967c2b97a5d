import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { ScaledClock } from '../lib/clock/ScaledClock';
import type { ServiceName } from './edge/EdgeRequest';
import { routeProcessClientsToEdges } from './edge/EdgeFirstHttpHandler';
import { EdgeServer } from './edge/EdgeServer';
import type { RequestCounters } from './edge/RequestCounters';
import { forwardingService } from './edge/ForwardingService';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, type LocalContext } from './edge/LocalContext';
import type { LocalService } from './edge/LocalService';
import { createLogger } from './createLogger';
import { SERVICE_FACTORIES } from './serviceFactories';
import type { SfnQuotas } from './stepfunctions/quotas/sfnQuotaProfiles';

/** Options of {@link startLocalCloud}. */
export interface LocalCloudOptions {
  /** Port of the AWS edge. @default 4566; 0 picks a free port */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Persist every service here; in memory when absent. @default undefined */
  readonly dataDir?: string;
  /** Multiplies every duration of every local timer (0.01: a 60 s Wait takes 0.6 s). @default 1 */
  readonly timeScale?: number;
  /** Start only these services. @default all of them */
  readonly services?: readonly ServiceName[];
  /** @default a pino logger at LOCAL_LOG_LEVEL or 'info' */
  readonly logger?: Logger;
  /** Step Functions' API throttles as token buckets (`parseSfnQuotas`). @default none: nothing is throttled */
  readonly sfnQuotas?: SfnQuotas;
  /**
   * Services another cloud's edge answers instead of this one (e.g. `{ 'rds-data': sharedEdge }`:
   * PGlite starts once per process). @default none: every service runs here
   */
  readonly borrow?: Readonly<Partial<Record<ServiceName, string>>>;
}

/** A running local cloud. */
export interface LocalCloud {
  /** The AWS edge, e.g. `http://127.0.0.1:4566`. */
  readonly endpoint: string;
  /** The environment production code needs to talk to this cloud. */
  readonly env: Readonly<Record<string, string>>;
  readonly clock: ScaledClock;
  readonly services: ReadonlyMap<ServiceName, LocalService>;
  /** Requests and bytes the edge answered, per service and operation. */
  readonly counters: RequestCounters;
  stop(): Promise<void>;
}

/** Starts the edge and every local service in this process. */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const logger = options.logger ?? createLogger();
  const clock = new ScaledClock({ timeScale: options.timeScale });
  const edge = await EdgeServer.start({
    port: options.port ?? 4566,
    host: options.host,
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT_ID,
    logger,
  });
  // The zip functions run in this process: their clients reach the edge without a socket.
  routeProcessClientsToEdges();
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: edge.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ACCOUNT_ID: LOCAL_ACCOUNT_ID,
  };
  const services = new Map<ServiceName, LocalService>();
  const wanted = options.services ?? SERVICE_FACTORIES.map(([name]) => name);
  try {
    for (const [name, factory] of SERVICE_FACTORIES) {
      if (!wanted.includes(name)) continue;
      const lender = options.borrow?.[name];
      if (lender !== undefined) {
        const borrowed = forwardingService(name, lender);
        services.set(name, borrowed);
        edge.register(borrowed);
        continue;
      }
      const dataDir = options.dataDir !== undefined ? path.join(options.dataDir, name) : undefined;
      if (dataDir !== undefined) await fs.mkdir(dataDir, { recursive: true });
      const context: LocalContext = {
        endpoint: edge.endpoint,
        region: LOCAL_REGION,
        accountId: LOCAL_ACCOUNT_ID,
        clock,
        logger: logger.child({ service: name }),
        dataDir,
        sfnQuotas: options.sfnQuotas,
      };
      const service = await factory(context);
      services.set(name, service);
      edge.register(service);
    }
  } catch (error) {
    await edge.stop();
    clock.clearAll();
    throw error;
  }
  return {
    endpoint: edge.endpoint,
    env,
    clock,
    services,
    counters: edge.counters,
    async stop(): Promise<void> {
      await edge.stop();
      clock.clearAll();
    },
  };
}
