import type { ClientBase, FieldDef } from 'pg';
import { PreparedStatements } from './PreparedStatements';

/** One statement's outcome, values still in Postgres's text format. */
export interface RawResult {
  /** The command tag's verb (`SELECT`, `INSERT`, `CREATE`...). */
  readonly command: string;
  readonly rowCount: number;
  /** Empty when the statement returns no rows (no RowDescription). */
  readonly fields: readonly FieldDef[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | null>>;
}

/** A value bound to `$n`: text, raw bytes for bytea, or null. */
export type BoundValue = string | Buffer | null;

/** Keeps every value in Postgres's text form (pg would parse ints, dates, arrays...). */
const rawText = (value: string): string => value;

/**
 * pg sends a query's `types` as the Parse message's parameter type OIDs, and asks the same object
 * for result parsers: an array that also answers `getTypeParser` serves both.
 */
function queryTypes(paramTypes: readonly number[]): number[] & { getTypeParser: () => typeof rawText } {
  return Object.assign([...paramTypes], { getTypeParser: () => rawText });
}

interface PgResultLike {
  readonly command: string | null;
  readonly rowCount: number | null;
  readonly fields?: FieldDef[];
  readonly rows: unknown[];
}

function toRaw(result: PgResultLike): RawResult {
  return {
    command: result.command ?? '',
    rowCount: result.rowCount ?? 0,
    fields: result.fields ?? [],
    rows: result.rows as Array<Array<string | null>>,
  };
}

/** Postgres refuses to run a prepared statement whose result columns changed (DDL since it was prepared). */
function isStalePlan(error: unknown): boolean {
  return (error as { code?: unknown }).code === '0A000' && /cached plan must not change result type/.test((error as Error).message);
}

/** How to run a statement. */
export interface QueryOptions {
  /**
   * Keep the statement prepared on the session and reuse its plan. Only outside a transaction: a
   * stale plan is retried unnamed, which an aborted transaction could not do. @default false
   */
  readonly reusePlan?: boolean;
}

/** A connection (or PGlite's one session) leased to one request or one transaction. */
export class SqlSession {
  private searchPath: string | undefined;
  private readonly prepared = new PreparedStatements();

  public constructor(private readonly client: ClientBase) {}

  /** Runs one statement with typed `$n` parameters (extended protocol). */
  public async query(text: string, values: readonly BoundValue[], paramTypes: readonly number[], options: QueryOptions = {}): Promise<RawResult> {
    const name = options.reusePlan === true ? this.prepared.nameFor(text, paramTypes) : undefined;
    const run = (named: string | undefined): Promise<PgResultLike> =>
      this.client.query({ ...(named !== undefined ? { name: named } : {}), text, values: [...values], types: queryTypes(paramTypes), rowMode: 'array' });
    try {
      return toRaw(await run(name));
    } catch (error) {
      if (name === undefined || !isStalePlan(error)) throw error;
      this.prepared.retire(text, paramTypes);
      return toRaw(await run(undefined));
    }
  }

  /**
   * Runs SQL without parameters (simple protocol, so a script of several statements works as
   * PgJDBC runs it); answers the result of the last statement.
   */
  public async script(text: string): Promise<RawResult> {
    const result: unknown = await this.client.query({ text, types: queryTypes([]), rowMode: 'array' });
    const results = (Array.isArray(result) ? result : [result]) as PgResultLike[];
    const last = results[results.length - 1];
    return last === undefined ? { command: '', rowCount: 0, fields: [], rows: [] } : toRaw(last);
  }

  /** Sets `search_path`, skipping the round trip when it is already that. */
  public async useSearchPath(path: string): Promise<void> {
    if (this.searchPath === path) return;
    await this.client.query(`SET search_path TO ${path}`);
    this.searchPath = path;
  }
}
