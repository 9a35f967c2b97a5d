import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import type { LocalService, ServiceHealth, ServiceState } from '../edge/LocalService';
import { awsJsonError, awsJsonResult } from '../edge/awsErrors';
import type { DynaliteClient, JsonObject } from './DynaliteClient';
import type { ReadWriteLock } from './ReadWriteLock';
import type { TimeToLive } from './TimeToLive';
import type { Transactions } from './Transactions';
import type { TtlRegistry } from './TtlRegistry';
import type { TtlSweeper } from './TtlSweeper';
import { dynamoError } from './dynamoErrors';
import { isObject } from './tableKeys';
import { SINGLE_ITEM_WRITES, withOldItemOnConditionFailure } from './withOldItemOnConditionFailure';

/** What {@link DynamoDbService} is built from. */
export interface DynamoDbParts {
  readonly server: Server;
  readonly dynalite: DynaliteClient;
  readonly lock: ReadWriteLock;
  readonly transactions: Transactions;
  readonly timeToLive: TimeToLive;
  readonly registry: TtlRegistry;
  readonly sweeper: TtlSweeper;
  readonly logger: Logger;
}

const PARTIQL = new Set(['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);
// dynalite flips a table's status on a zero-delay timer; a few turns of the event loop suffice.
const STATUS_POLLS = 200;

/**
 * DynamoDB behind the edge: dynalite on an internal port does the work; this layer adds what
 * dynalite lacks (transactions, TTL) and makes table status changes look instant, so SDK
 * waiters and deploy code that wait for ACTIVE go on at once.
 */
export class DynamoDbService implements LocalService {
  public readonly name = 'dynamodb';
  private state: ServiceState = 'running';

  public constructor(private readonly parts: DynamoDbParts) {}

  public health(): ServiceHealth {
    return { state: this.state };
  }

  public async handle(request: EdgeRequest): Promise<EdgeResponse> {
    try {
      return await this.dispatch(request);
    } catch (error) {
      this.parts.logger.error({ err: error, target: request.target }, 'dynamodb request failed');
      return dynamoError('InternalServerError', `The local DynamoDB failed: ${error instanceof Error ? error.message : String(error)}`, 500);
    }
  }

  public async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    await this.parts.sweeper.stop();
    this.parts.dynalite.close();
    await new Promise<void>((resolve, reject) => this.parts.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async dispatch(request: EdgeRequest): Promise<EdgeResponse> {
    const { lock, dynalite, transactions, timeToLive } = this.parts;
    const target = request.target ?? '';
    if (PARTIQL.has(target)) {
      return awsJsonError(400, 'com.amazon.coral.service#UnknownOperationException', `${target} (PartiQL) is not supported by the local DynamoDB (dynalite); use the item and query APIs`);
    }
    const interceptions: Readonly<Record<string, (input: JsonObject) => Promise<EdgeResponse>>> = {
      TransactWriteItems: (input) => transactions.writeItems(input),
      TransactGetItems: (input) => transactions.getItems(input),
      UpdateTimeToLive: (input) => lock.read(() => timeToLive.update(input)),
      DescribeTimeToLive: (input) => lock.read(() => timeToLive.describe(input)),
    };
    const intercept = Object.hasOwn(interceptions, target) ? interceptions[target] : undefined;
    if (intercept !== undefined) {
      const input = parseInput(request.body);
      return input !== undefined ? intercept(input) : awsJsonError(400, 'com.amazon.coral.service#SerializationException', 'Start of structure or map found where not expected');
    }
    if (SINGLE_ITEM_WRITES.has(target) && request.body.includes('ReturnValuesOnConditionCheckFailure')) {
      const input = parseInput(request.body);
      if (input?.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') {
        return lock.write(async () => withOldItemOnConditionFailure(dynalite, target, input, await dynalite.forward(request)));
      }
    }
    const response = await lock.read(() => dynalite.forward(request));
    if (response.status !== 200) return response;
    if (target === 'CreateTable' || target === 'UpdateTable') return this.settled(request, response);
    if (target === 'DeleteTable') {
      const table = parseInput(request.body)?.TableName;
      if (typeof table === 'string') {
        await this.parts.registry.set(table, undefined);
        await this.waitUntil(table, (status) => status === undefined);
      }
    }
    return response;
  }

  /** Answers CreateTable/UpdateTable once the table (and its indexes) are ACTIVE. */
  private async settled(request: EdgeRequest, response: EdgeResponse): Promise<EdgeResponse> {
    const table = parseInput(request.body)?.TableName;
    if (typeof table !== 'string') return response;
    // A table created anew never inherits the TTL setting of a deleted one of the same name.
    if (request.target === 'CreateTable') await this.parts.registry.set(table, undefined);
    const description = await this.waitUntil(table, (status) => status === 'ACTIVE');
    return description !== undefined ? awsJsonResult({ TableDescription: description }) : response;
  }

  /** Polls DescribeTable until `done` holds for the status (undefined: the table is gone). */
  private async waitUntil(table: string, done: (status: string | undefined) => boolean): Promise<JsonObject | undefined> {
    for (let poll = 0; poll < STATUS_POLLS; poll++) {
      const described = await this.parts.dynalite.call('DescribeTable', { TableName: table });
      const description = described.ok && isObject(described.value.Table) ? described.value.Table : undefined;
      const indexes = Array.isArray(description?.GlobalSecondaryIndexes) ? description.GlobalSecondaryIndexes.filter(isObject) : [];
      const status = description === undefined ? undefined : indexes.every((index) => index.IndexStatus === 'ACTIVE') ? String(description.TableStatus) : 'UPDATING';
      if (done(status)) return description;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return undefined;
  }
}

function parseInput(body: Buffer): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(body.length > 0 ? body.toString('utf8') : '{}');
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
