import { ExecuteStatementCommand, RDSDataClient, type ExecuteStatementCommandInput, type ExecuteStatementCommandOutput, type SqlParameter } from '@aws-sdk/client-rds-data';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

/** A cluster ARN of its own per test file, so the knobs of one suite never touch another. */
export function clusterArn(prefix: string): string {
  return `arn:aws:rds:us-east-1:000000000000:cluster:${uniqueName(prefix).replace(/[^A-Za-z0-9-]/g, '-')}`;
}

export const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:rds-data-tests';

/** A Data API client for the shared cloud; no retries, so error tests see the first answer. */
export function dataApiClient(): RDSDataClient {
  return new RDSDataClient({ ...testClientConfig(), maxAttempts: 1 });
}

/** A table name unique to this run (Postgres folds it to lower case). */
export function tableName(prefix: string): string {
  return uniqueName(prefix).replace(/[^A-Za-z0-9]/g, '_').toLowerCase();
}

/** Runs one statement against `resourceArn` in `database`. */
export function execute(
  client: RDSDataClient,
  resourceArn: string,
  sql: string,
  parameters: SqlParameter[] = [],
  extra: Partial<ExecuteStatementCommandInput> = {},
): Promise<ExecuteStatementCommandOutput> {
  return client.send(new ExecuteStatementCommand({ resourceArn, secretArn: SECRET_ARN, sql, parameters, ...extra }));
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string; $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
