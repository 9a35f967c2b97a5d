import path from 'node:path';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import type { LocalContext } from '../edge/LocalContext';
import type { LocalService, ServiceHealth, ServiceState } from '../edge/LocalService';
import { ClusterFaults } from './ClusterFaults';
import { DataApi } from './DataApi';
import { PgliteBackend } from './PgliteBackend';
import { PostgresBackend } from './PostgresBackend';
import { badRequest, toRdsDataError } from './rdsDataErrors';
import { parseBatchExecuteStatement, parseBeginTransaction, parseBody, parseEndTransaction, parseExecuteStatement } from './rdsDataRequests';
import type { SqlBackend } from './SqlBackend';
import { TransactionRegistry } from './TransactionRegistry';

/** Options of the RDS Data API emulator (each defaults from the environment, see the factory). */
export interface RdsDataServiceOptions {
  /** A Postgres URL to serve instead of embedded PGlite. @default process.env.DATABASE_URL */
  readonly databaseUrl?: string;
  /** Start with the cluster paused. @default LOCAL_RDS_RESUMING_FIRST is `1` or `true` */
  readonly startPaused?: boolean;
  /** AWS seconds a paused cluster takes to resume. @default LOCAL_RDS_RESUME_SECONDS, else 0 */
  readonly resumeSeconds?: number;
  /** Pause after this many idle AWS seconds. @default LOCAL_RDS_AUTO_PAUSE_SECONDS, else never */
  readonly autoPauseSeconds?: number;
  /** Roll back a transaction unused for this long. @default 180_000 (AWS: 3 minutes) */
  readonly transactionIdleTimeoutMs?: number;
}

const OPERATIONS = ['/Execute', '/BatchExecute', '/BeginTransaction', '/CommitTransaction', '/RollbackTransaction'] as const;
type OperationPath = (typeof OPERATIONS)[number];

/** The admin paths of the knobs, under `/_local/rds-data/`. */
export const ADMIN_PREFIX = '/_local/rds-data/';

function json(value: unknown): EdgeResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The RDS Data API of the local cloud: Aurora PostgreSQL's behaviour over PGlite or Postgres. */
export class RdsDataService implements LocalService {
  public readonly name = 'rds-data' as const;
  private state: ServiceState = 'starting';
  private detail: string | undefined;
  private readonly backend: Promise<SqlBackend>;
  private readonly transactions: TransactionRegistry;
  private readonly faults: ClusterFaults;
  private readonly api: DataApi;
  private readonly backendKind: SqlBackend['kind'];

  public constructor(
    private readonly context: LocalContext,
    options: RdsDataServiceOptions = {},
  ) {
    const url = options.databaseUrl ?? process.env.DATABASE_URL;
    this.backendKind = url !== undefined && url !== '' ? 'postgres' : 'pglite';
    this.backend =
      this.backendKind === 'postgres' && url !== undefined
        ? PostgresBackend.open({ url, logger: context.logger })
        : PgliteBackend.open(context.dataDir !== undefined ? path.join(context.dataDir, 'pgdata') : undefined);
    this.backend.then(
      () => {
        if (this.state === 'starting') this.state = 'running';
      },
      (error: unknown) => {
        this.state = 'failed';
        this.detail = error instanceof Error ? error.message : String(error);
        context.logger.error({ err: error }, 'the Data API backend failed to start');
      },
    );
    this.transactions = new TransactionRegistry({ clock: context.clock, logger: context.logger, idleTimeoutMs: options.transactionIdleTimeoutMs });
    const resumeSeconds = options.resumeSeconds ?? envNumber('LOCAL_RDS_RESUME_SECONDS') ?? 0;
    const autoPauseSeconds = options.autoPauseSeconds ?? envNumber('LOCAL_RDS_AUTO_PAUSE_SECONDS');
    this.faults = new ClusterFaults({
      clock: context.clock,
      startPaused: options.startPaused ?? /^(1|true)$/i.test(process.env.LOCAL_RDS_RESUMING_FIRST ?? ''),
      resumeMs: resumeSeconds * 1000,
      autoPauseMs: autoPauseSeconds !== undefined ? autoPauseSeconds * 1000 : undefined,
    });
    this.api = new DataApi(() => this.backend, this.transactions);
  }

  /** Resolves once the backend serves (PGlite takes seconds to start); rejects if it cannot start. */
  public async ready(): Promise<void> {
    await this.backend;
  }

  public async handle(request: EdgeRequest): Promise<EdgeResponse> {
    try {
      const pathname = request.url.pathname;
      if (pathname.startsWith(ADMIN_PREFIX)) return this.admin(request, pathname.slice(ADMIN_PREFIX.length));
      if (request.method !== 'POST' || !(OPERATIONS as readonly string[]).includes(pathname)) {
        return badRequest(`The local RDS Data API has no operation at ${request.method} ${pathname}`).toResponse();
      }
      const body = parseBody(request.body);
      const outage = this.faults.outageError(typeof body.resourceArn === 'string' ? body.resourceArn : undefined);
      if (outage !== undefined) return outage.toResponse();
      return json(await this.operation(pathname as OperationPath, body));
    } catch (error) {
      const failure = toRdsDataError(error);
      if (failure.type === 'InternalServerErrorException') this.context.logger.error({ err: error }, 'Data API request failed');
      return failure.toResponse();
    }
  }

  public health(): ServiceHealth {
    const detail = this.detail ?? `backend: ${this.backendKind}`;
    return { state: this.state, detail };
  }

  public async stop(): Promise<void> {
    this.state = 'stopped';
    this.faults.stop();
    await this.transactions.rollbackAll();
    const backend = await this.backend.catch(() => undefined);
    await backend?.close();
  }

  private async operation(pathname: OperationPath, body: Readonly<Record<string, unknown>>): Promise<unknown> {
    switch (pathname) {
      case '/Execute': {
        const input = parseExecuteStatement(body);
        this.throwIfResuming(input.resourceArn);
        return this.api.executeStatement(input);
      }
      case '/BatchExecute': {
        const input = parseBatchExecuteStatement(body);
        this.throwIfResuming(input.resourceArn);
        return this.api.batchExecuteStatement(input);
      }
      case '/BeginTransaction': {
        const input = parseBeginTransaction(body);
        this.throwIfResuming(input.resourceArn);
        return this.api.beginTransaction(input);
      }
      case '/CommitTransaction': {
        const input = parseEndTransaction(body);
        this.throwIfResuming(input.resourceArn);
        return this.api.commitTransaction(input);
      }
      case '/RollbackTransaction': {
        const input = parseEndTransaction(body);
        this.throwIfResuming(input.resourceArn);
        return this.api.rollbackTransaction(input);
      }
      default: {
        const never: never = pathname;
        return never;
      }
    }
  }

  private throwIfResuming(resourceArn: string): void {
    const resuming = this.faults.resumingError(resourceArn);
    if (resuming !== undefined) throw resuming;
  }

  private admin(request: EdgeRequest, action: string): EdgeResponse {
    const body = request.method === 'POST' ? parseBody(request.body) : {};
    const seconds = (member: string): number | undefined => {
      const value = body[member];
      if (value === undefined) return undefined;
      if (typeof value !== 'number' || !(value >= 0)) throw badRequest(`'${member}' must be a number of seconds >= 0`);
      return value;
    };
    const scoped = body.resourceArn ?? request.url.searchParams.get('resourceArn') ?? undefined;
    if (scoped !== undefined && typeof scoped !== 'string') throw badRequest("'resourceArn' must be a string");
    switch (`${request.method} ${action}`) {
      case 'GET state':
        break;
      case 'POST pause': {
        const resumeSeconds = seconds('resumeSeconds');
        this.faults.pause(resumeSeconds !== undefined ? resumeSeconds * 1000 : undefined, scoped);
        break;
      }
      case 'POST outage': {
        const outageSeconds = seconds('seconds');
        if (outageSeconds === undefined) throw badRequest("'seconds' is required");
        this.faults.outage(outageSeconds * 1000, scoped);
        break;
      }
      case 'POST resume':
        this.faults.clear(scoped);
        break;
      default:
        return badRequest(`Unknown admin action ${request.method} ${ADMIN_PREFIX}${action}`).toResponse();
    }
    return json({ backend: this.backendKind, ...this.faults.state(scoped), openTransactions: this.transactions.size });
  }
}
