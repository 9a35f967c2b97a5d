import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** The custom resource's properties (CloudFormation passes them as strings and string lists). */
export interface MigrationProperties {
  readonly ClusterArn: string;
  readonly SecretArn: string;
  readonly Database: string;
  readonly Statements: readonly string[];
}

/** What the provider framework needs back. */
export interface MigrationResult {
  readonly PhysicalResourceId: string;
  readonly Data: { readonly Statements: number };
}

/** Options of {@link applyStatements}. */
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

/** Runs each statement through the Data API, in order, retrying while Aurora resumes. */
export async function applyStatements(client: RDSDataClient, properties: MigrationProperties, options: ApplyOptions = {}): Promise<number> {
  const attempts = options.attempts ?? 12;
  const delayMs = options.delayMs ?? 5000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (const sql of properties.Statements) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.send(new ExecuteStatementCommand({ resourceArn: properties.ClusterArn, secretArn: properties.SecretArn, database: properties.Database, sql }));
        break;
      } catch (error) {
        if (!isResuming(error) || attempt >= attempts) throw error;
        await sleep(delayMs);
      }
    }
  }
  return properties.Statements.length;
}

/** Reads the properties CloudFormation sent; throws naming a missing one. */
export function migrationProperties(raw: Readonly<Record<string, unknown>>): MigrationProperties {
  const text = (key: string): string => {
    const value = raw[key];
    if (typeof value !== 'string' || value === '') throw new Error(`property ${key} is missing`);
    return value;
  };
  const statements = raw.Statements;
  if (!Array.isArray(statements) || !statements.every((item): item is string => typeof item === 'string')) throw new Error('property Statements must be a list of SQL strings');
  return { ClusterArn: text('ClusterArn'), SecretArn: text('SecretArn'), Database: text('Database'), Statements: statements };
}

let client: RDSDataClient | undefined;

/**
 * onEvent of the schema migration (provider framework): applies the idempotent SQL on Create and
 * Update; Delete keeps the schema (the data outlives the stack).
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<MigrationResult> {
  const physicalId = event.RequestType === 'Create' ? `nfse-schema-${event.LogicalResourceId}` : event.PhysicalResourceId;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: physicalId, Data: { Statements: 0 } };
  client ??= new RDSDataClient({});
  const count = await applyStatements(client, migrationProperties(event.ResourceProperties));
  return { PhysicalResourceId: physicalId, Data: { Statements: count } };
}
