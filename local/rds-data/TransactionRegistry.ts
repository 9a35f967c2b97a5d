import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../lib/clock/Clock';
import { badRequest } from './rdsDataErrors';
import type { SessionLease } from './SqlBackend';
import type { SqlSession } from './SqlSession';

/** Options of {@link TransactionRegistry}. */
export interface TransactionRegistryOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** A transaction no call has used for this long is rolled back. @default 180_000 (3 minutes, as AWS) */
  readonly idleTimeoutMs?: number;
  /** A transaction is rolled back this long after it began, used or not. @default 86_400_000 (24 hours, as AWS) */
  readonly maxLifetimeMs?: number;
}

interface OpenTransaction {
  readonly id: string;
  readonly lease: SessionLease;
  idleTimer?: TimerHandle;
  lifetimeTimer?: TimerHandle;
  /** Calls on one transaction run one after another, in arrival order. */
  tail: Promise<unknown>;
}

/** How a transaction ends. */
export type TransactionEnd = 'COMMIT' | 'ROLLBACK';

/**
 * Open Data API transactions: each holds its own session (PGlite's only one, so other requests
 * wait for it) until commit, rollback or expiry.
 * @see https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html
 */
export class TransactionRegistry {
  private readonly open = new Map<string, OpenTransaction>();
  private readonly idleTimeoutMs: number;
  private readonly maxLifetimeMs: number;

  public constructor(private readonly options: TransactionRegistryOptions) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 180_000;
    this.maxLifetimeMs = options.maxLifetimeMs ?? 86_400_000;
  }

  /** How many transactions are open. */
  public get size(): number {
    return this.open.size;
  }

  /** Registers a transaction whose BEGIN has run on `lease`; answers its id. */
  public register(lease: SessionLease): string {
    const id = randomBytes(72).toString('base64');
    const transaction: OpenTransaction = { id, lease, tail: Promise.resolve() };
    this.open.set(id, transaction);
    // expire() cannot reject: a rollback that fails is logged there.
    transaction.lifetimeTimer = this.options.clock.setTimeout(() => void this.expire(id, 'reached the 24-hour limit'), this.maxLifetimeMs);
    this.touch(transaction);
    return id;
  }

  /** Runs `work` on the transaction's session, after the calls before it. */
  public async run<T>(id: string, work: (session: SqlSession) => Promise<T>): Promise<T> {
    const transaction = this.find(id);
    this.touch(transaction);
    const result = transaction.tail.then(() => work(transaction.lease.session));
    transaction.tail = result.catch(() => undefined);
    try {
      return await result;
    } finally {
      if (this.open.get(id) === transaction) this.touch(transaction);
    }
  }

  /** Commits or rolls back, and gives the session back. */
  public async end(id: string, how: TransactionEnd): Promise<void> {
    const transaction = this.find(id);
    this.forget(transaction);
    await this.finish(transaction, how);
  }

  /** Rolls back every open transaction (on shutdown). */
  public async rollbackAll(): Promise<void> {
    const all = [...this.open.values()];
    for (const transaction of all) this.forget(transaction);
    await Promise.all(all.map((transaction) => this.finish(transaction, 'ROLLBACK').catch(() => undefined)));
  }

  private find(id: string): OpenTransaction {
    const transaction = this.open.get(id);
    if (transaction === undefined) throw badRequest(`Transaction ${id} is not found`);
    return transaction;
  }

  private touch(transaction: OpenTransaction): void {
    this.options.clock.clearTimeout(transaction.idleTimer);
    // expire() cannot reject: a rollback that fails is logged there.
    transaction.idleTimer = this.options.clock.setTimeout(() => void this.expire(transaction.id, 'was idle for too long'), this.idleTimeoutMs);
  }

  private forget(transaction: OpenTransaction): void {
    this.open.delete(transaction.id);
    this.options.clock.clearTimeout(transaction.idleTimer);
    this.options.clock.clearTimeout(transaction.lifetimeTimer);
  }

  private async finish(transaction: OpenTransaction, how: TransactionEnd): Promise<void> {
    await transaction.tail;
    let broken = false;
    try {
      await transaction.lease.session.script(how);
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      transaction.lease.release(broken);
    }
  }

  private async expire(id: string, reason: string): Promise<void> {
    const transaction = this.open.get(id);
    if (transaction === undefined) return;
    this.forget(transaction);
    this.options.logger.info({ transactionId: id }, `transaction ${reason}: rolled back`);
    await this.finish(transaction, 'ROLLBACK').catch((error: unknown) => this.options.logger.warn({ err: error, transactionId: id }, 'rollback of an expired transaction failed'));
  }
}
