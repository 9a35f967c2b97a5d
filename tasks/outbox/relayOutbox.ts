import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import type { OutboxFailedEntry, OutboxRelayResult } from '../../contracts/outboxRelay';
import { claimOutboxRows, type ClaimedRow, type OutboxDatabase } from './claimOutboxRows';
import { OutboxMarkError } from './errors';
import { DEFAULT_ORDERS_SCHEMAS } from '../../contracts/ordersSchemaNames';
import { markPublishedSql, releaseSql } from './outboxStatements';

/** What the relay talks to. */
export interface RelayDependencies extends OutboxDatabase {
  readonly events: EventBridgeClient;
  readonly eventBusName: string;
  /** Epoch milliseconds: how much of the lease is left. */
  readonly now: () => number;
}

/** Options of {@link relayOutbox}. */
export interface RelayOptions {
  /** Rows claimed per run (each PutEvents takes up to 10 of them). @default 100 */
  readonly maxRows?: number;
  /**
   * How long a claim holds its rows. A relay that dies keeps them that long; one that runs out of
   * half of it stops publishing and hands the rest back, so no row is published by two live relays.
   * @default 60
   */
  readonly leaseSeconds?: number;
  /** Only aggregates whose id starts with this (tests sharing one database each relay their own). @default '' (all) */
  readonly aggregatePrefix?: string;
}

/** PutEvents takes at most 10 entries: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html */
export const PUT_EVENTS_MAX_ENTRIES = 10;

/**
 * One run of the transactional outbox relay: leases unpublished rows in `seq` order, publishes
 * them with PutEvents (the detail as stored, `Source`/`DetailType` from the row) and marks exactly
 * the entries PutEvents accepted. A PutEvents call carries at most one row per aggregate, and an
 * aggregate whose row failed publishes nothing more in this run, so a later row of an aggregate is
 * never published before an earlier one. Published at least once: a relay killed between PutEvents
 * and the mark leaves its rows leased, and a later run publishes them again with the same eventId.
 */
export async function relayOutbox(deps: RelayDependencies, options: RelayOptions = {}): Promise<OutboxRelayResult> {
  const leaseSeconds = options.leaseSeconds ?? 60;
  const claimedAt = deps.now();
  const rows = await claimOutboxRows(deps, { maxRows: options.maxRows ?? 100, leaseSeconds, aggregatePrefix: options.aggregatePrefix ?? '' });
  const pending = byAggregate(rows);
  const handBack: ClaimedRow[] = [];
  const published: string[] = [];
  const failed: OutboxFailedEntry[] = [];
  const stopAt = claimedAt + (leaseSeconds * 1000) / 2;
  try {
    while (pending.size > 0 && deps.now() < stopAt) {
      const batch = [...pending.values()].map((queue) => queue[0]).filter((row): row is ClaimedRow => row !== undefined).slice(0, PUT_EVENTS_MAX_ENTRIES);
      const answer = await deps.events.send(new PutEventsCommand({ Entries: batch.map((row) => entryOf(row, deps.eventBusName)) }));
      const accepted: ClaimedRow[] = [];
      batch.forEach((row, index) => {
        const entry = answer.Entries?.[index];
        const queue = pending.get(row.aggregateId) ?? [];
        if (entry?.EventId !== undefined && entry.ErrorCode === undefined) {
          accepted.push(row);
          queue.shift();
          if (queue.length === 0) pending.delete(row.aggregateId);
        } else {
          failed.push({ eventId: row.eventId, errorCode: entry?.ErrorCode ?? 'NoEntry', errorMessage: entry?.ErrorMessage ?? 'PutEvents answered no entry for this row' });
          handBack.push(...queue);
          pending.delete(row.aggregateId);
        }
      });
      if (accepted.length > 0) await markPublished(deps, accepted);
      published.push(...accepted.map((row) => row.eventId));
    }
  } catch (error) {
    // Rows PutEvents accepted but the mark missed keep their lease (the database is likely down
    // anyway); anything else goes back at once.
    if (!(error instanceof OutboxMarkError)) await release(deps, [...handBack, ...[...pending.values()].flat()]).catch(() => undefined);
    throw error;
  }
  handBack.push(...[...pending.values()].flat());
  await release(deps, handBack);
  return { claimed: rows.length, published, failed, released: handBack.length };
}

/** Rows by aggregate, each list in `seq` order, aggregates in the order of their first row. */
function byAggregate(rows: readonly ClaimedRow[]): Map<string, ClaimedRow[]> {
  const map = new Map<string, ClaimedRow[]>();
  for (const row of rows) {
    const list = map.get(row.aggregateId) ?? [];
    list.push(row);
    map.set(row.aggregateId, list);
  }
  return map;
}

function entryOf(row: ClaimedRow, eventBusName: string): PutEventsRequestEntry {
  return { EventBusName: eventBusName, Source: row.source, DetailType: row.detailType, Detail: row.detail };
}

async function markPublished(db: OutboxDatabase, rows: readonly ClaimedRow[]): Promise<void> {
  try {
    await execute(db, markPublishedSql(db.schema ?? DEFAULT_ORDERS_SCHEMAS.orders), rows);
  } catch (error) {
    throw new OutboxMarkError(rows.map((row) => row.eventId), { cause: error });
  }
}

async function release(db: OutboxDatabase, rows: readonly ClaimedRow[]): Promise<void> {
  if (rows.length > 0) await execute(db, releaseSql(db.schema ?? DEFAULT_ORDERS_SCHEMAS.orders), rows);
}

async function execute(db: OutboxDatabase, sql: string, rows: readonly ClaimedRow[]): Promise<void> {
  await db.rds.send(
    new ExecuteStatementCommand({
      resourceArn: db.clusterArn,
      secretArn: db.secretArn,
      database: db.database,
      sql,
      parameters: [{ name: 'seqs', value: { stringValue: JSON.stringify(rows.map((row) => row.seq)) } }],
    }),
  );
}
