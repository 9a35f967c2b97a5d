import { ExecuteStatementCommand, RDSDataClient, type ExecuteStatementCommandOutput, type SqlParameter } from '@aws-sdk/client-rds-data';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** The custom resource's properties (CloudFormation passes them as strings and string lists). */
export interface MigrationProperties {
  readonly ClusterArn: string;
  /** The master user's secret: the migration creates roles and tables. */
  readonly SecretArn: string;
  readonly Database: string;
  readonly Statements: readonly string[];
  /** LOGIN roles to create when missing, before the statements (which grant them privileges). */
  readonly Roles: readonly string[];
}

/** What the provider framework needs back. */
export interface MigrationResult {
  readonly PhysicalResourceId: string;
  readonly Data: { readonly Statements: number; readonly RolesCreated: number };
}

/** Options of {@link applyStatements} and {@link ensureRoles}. */
export interface ApplyOptions {
  /** Attempts per statement while the cluster resumes from 0 ACU. @default 12 */
  readonly attempts?: number;
  /** @default 5000 */
  readonly delayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Errors that only mean "the cluster is waking up": https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-auto-pause.html */
function isResuming(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'DatabaseResumingException' || error.name === 'DatabaseNotFoundException' || /resuming|is not available|Communications link failure/i.test(error.message);
}

/** Runs one statement as the master user through the Data API, retrying while Aurora resumes. */
async function execute(client: RDSDataClient, properties: MigrationProperties, sql: string, parameters: SqlParameter[] | undefined, options: ApplyOptions): Promise<ExecuteStatementCommandOutput> {
  const attempts = options.attempts ?? 12;
  const delayMs = options.delayMs ?? 5000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await client.send(new ExecuteStatementCommand({ resourceArn: properties.ClusterArn, secretArn: properties.SecretArn, database: properties.Database, sql, ...(parameters !== undefined ? { parameters } : {}) }));
    } catch (error) {
      if (!isResuming(error) || attempt >= attempts) throw error;
      await sleep(delayMs);
    }
  }
}

/** Runs each statement through the Data API, in order, retrying while Aurora resumes. */
export async function applyStatements(client: RDSDataClient, properties: MigrationProperties, options: ApplyOptions = {}): Promise<number> {
  for (const sql of properties.Statements) await execute(client, properties, sql, undefined, options);
  return properties.Statements.length;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates each role that does not exist yet, as a LOGIN role with no password: Postgres has no
 * `CREATE ROLE IF NOT EXISTS`, so this looks first. The password is never ours to handle:
 * Secrets Manager's multi-user rotation sets it (signing in as the master) and, alternating the
 * role with a `_clone` member, keeps the secret usable during a rotation. Until then the role
 * cannot sign in at all. Returns the roles it created.
 */
export async function ensureRoles(client: RDSDataClient, properties: MigrationProperties, options: ApplyOptions = {}): Promise<string[]> {
  const bad = properties.Roles.find((role) => !ROLE_NAME.test(role));
  if (bad !== undefined) throw new Error(`role name ${JSON.stringify(bad)} must be a lowercase identifier`);
  const created: string[] = [];
  for (const role of properties.Roles) {
    const found = await execute(client, properties, 'SELECT 1 FROM pg_roles WHERE rolname = :name', [{ name: 'name', value: { stringValue: role } }], options);
    if ((found.records ?? []).length > 0) continue;
    await execute(client, properties, `CREATE ROLE "${role}" WITH LOGIN`, undefined, options);
    created.push(role);
  }
  return created;
}

/** Reads the properties CloudFormation sent; throws naming a missing one. */
export function migrationProperties(raw: Readonly<Record<string, unknown>>): MigrationProperties {
  const text = (key: string): string => {
    const value = raw[key];
    if (typeof value !== 'string' || value === '') throw new Error(`property ${key} is missing`);
    return value;
  };
  const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item): item is string => typeof item === 'string');
  const statements = raw.Statements;
  if (!strings(statements)) throw new Error('property Statements must be a list of SQL strings');
  const roles = raw.Roles ?? [];
  if (!strings(roles)) throw new Error('property Roles must be a list of role names');
  return { ClusterArn: text('ClusterArn'), SecretArn: text('SecretArn'), Database: text('Database'), Statements: statements, Roles: roles };
}

let client: RDSDataClient | undefined;

/**
 * onEvent of the schema migration (provider framework): on Create and Update, creates the missing
 * roles, then applies the idempotent SQL; Delete keeps the schema and the roles (the data outlives
 * the stack).
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<MigrationResult> {
  const physicalId = event.RequestType === 'Create' ? `nfse-schema-${event.LogicalResourceId}` : event.PhysicalResourceId;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: physicalId, Data: { Statements: 0, RolesCreated: 0 } };
  client ??= new RDSDataClient({});
  const properties = migrationProperties(event.ResourceProperties);
  const created = await ensureRoles(client, properties);
  const count = await applyStatements(client, properties);
  return { PhysicalResourceId: physicalId, Data: { Statements: count, RolesCreated: created.length } };
}
