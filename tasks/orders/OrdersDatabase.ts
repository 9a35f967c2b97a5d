import { ExecuteStatementCommand, type RDSDataClient, type SqlParameter } from '@aws-sdk/client-rds-data';
import { DEFAULT_ORDERS_SCHEMAS, type OrdersSchemaNames } from '../../contracts/ordersSchemaNames';

/** Where the stock and the orders live: Aurora through the RDS Data API. */
export interface OrdersDatabaseConfig {
  readonly rds: RDSDataClient;
  readonly clusterArn: string;
  readonly secretArn: string;
  readonly database: string;
  /** The stock's and the orders' schemas. @default `estoque` and `faturamento` */
  readonly schemas?: OrdersSchemaNames;
}

/** A named parameter's value: text (SQL casts it where it needs another type), a whole number, or NULL. */
export type SqlValue = string | number | null;

/** `YYYY-MM-DDTHH:MI:SS.MSZ` of a timestamptz column, in SQL (the Data API's own text has no zone). */
export function isoTimestampSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Runs statements of the orders' schemas, their rows as JSON objects (`formatRecordsAs: JSON`). */
export class OrdersDatabase {
  /** Where the stock's and the orders' tables are: statements name them from here. */
  public readonly schemas: OrdersSchemaNames;

  public constructor(private readonly config: OrdersDatabaseConfig) {
    this.schemas = config.schemas ?? DEFAULT_ORDERS_SCHEMAS;
  }

  /** The statement's rows, keyed by column name. */
  public async query(sql: string, parameters: Readonly<Record<string, SqlValue>> = {}): Promise<Array<Record<string, unknown>>> {
    const result = await this.config.rds.send(
      new ExecuteStatementCommand({
        resourceArn: this.config.clusterArn,
        secretArn: this.config.secretArn,
        database: this.config.database,
        sql,
        parameters: Object.entries(parameters).map(([name, value]): SqlParameter => ({ name, value: valueOf(value) })),
        formatRecordsAs: 'JSON',
      }),
    );
    return JSON.parse(result.formattedRecords ?? '[]') as Array<Record<string, unknown>>;
  }
}

function valueOf(value: SqlValue): SqlParameter['value'] {
  if (value === null) return { isNull: true };
  if (typeof value === 'number') return { longValue: value };
  return { stringValue: value };
}
