import fs from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import dynalite from 'dynalite';
import type { LocalContext } from '../edge/LocalContext';
import { guardServer } from '../guard/guardServer';
import { internalPortPolicy } from '../guard/internalPortPolicy';
import type { LocalService } from '../edge/LocalService';
import { DynaliteClient } from './DynaliteClient';
import { DynamoDbService } from './DynamoDbService';
import { IdempotencyTokens } from './IdempotencyTokens';
import { memoiseExpressionParsers } from './memoiseExpressionParsers';
import { ReadWriteLock } from './ReadWriteLock';
import { TimeToLive } from './TimeToLive';
import { Transactions } from './Transactions';
import { TtlRegistry } from './TtlRegistry';
import { TtlSweeper } from './TtlSweeper';

/**
 * Starts DynamoDB: dynalite on an internal loopback port (LevelDB in `dataDir/dynalite`, or in
 * memory), behind a layer adding transactions and TTL.
 */
export async function createDynamoDbService(context: LocalContext): Promise<LocalService> {
  const levelDir = context.dataDir !== undefined ? path.join(context.dataDir, 'dynalite') : undefined;
  if (levelDir !== undefined) await fs.mkdir(levelDir, { recursive: true });
  memoiseExpressionParsers();
  // Status changes take no time locally: SDK waiters and deploy code see ACTIVE at once.
  const server = dynalite({ path: levelDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server);
  // The client takes dynalite's own listener; the port gets the guard (and answers no one else).
  const client = new DynaliteClient(server);
  guardServer(server, internalPortPolicy('The local DynamoDB (dynalite) port'), (res, refusal) => {
    res.writeHead(403, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'AccessDeniedException' });
    res.end(JSON.stringify({ __type: 'AccessDeniedException', message: refusal.message }));
  });
  const lock = new ReadWriteLock();
  const registry = await TtlRegistry.open(context.dataDir);
  const logger = context.logger;
  const sweeper = new TtlSweeper(client, lock, registry, context.clock, logger);
  sweeper.start();
  logger.debug({ port, persisted: levelDir !== undefined }, 'dynalite started');
  return new DynamoDbService({
    server,
    dynalite: client,
    lock,
    transactions: new Transactions(client, lock, new IdempotencyTokens(context.clock), logger),
    timeToLive: new TimeToLive(client, registry),
    registry,
    sweeper,
    logger,
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
