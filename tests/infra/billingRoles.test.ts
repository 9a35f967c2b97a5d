import { ExecuteStatementCommand, type RDSDataClient, type SqlParameter } from '@aws-sdk/client-rds-data';
import { BILLING_GRANTS_SQL, BILLING_ROLES, BILLING_SCHEMA_SQL } from '../../contracts/billingSchemaSql';
import { splitSqlStatements } from '../../contracts/invoicesSchemaSql';
import type { MigrationProperties } from '../../infra/lambda/migrateSchema';
import { substitutePlaceholders } from '../../workflows/asl/placeholders';
import { CLAIM_MONTH_SQL, RECORD_CONSOLIDATION_SQL, RELEASE_MONTH_SQL, STORE_USAGE_SQL } from '../../workflows/steps/billingSql';
import type { DataApiProcess } from '../local/rds-data/dataApiProcess';
import { startMigratedDataApi } from './helpers/migratedDataApi';
import { asDatabaseRole } from './helpers/asDatabaseRole';

const CLUSTER = 'arn:aws:rds:us-east-1:000000000000:cluster:billing-roles';
const MASTER_SECRET = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:master';
/** What DataStack hands the migration for billing: the schema, then the grants, the roles created first. */
const MIGRATION: MigrationProperties = {
  ClusterArn: CLUSTER,
  SecretArn: MASTER_SECRET,
  Database: 'nfse',
  Statements: [...splitSqlStatements(BILLING_SCHEMA_SQL), ...splitSqlStatements(BILLING_GRANTS_SQL)],
  Roles: Object.values(BILLING_ROLES),
};
/** A workflow statement as the deployed state machine runs it (`${BillingSchema}` = `billing`). */
const deployed = (sql: string): string => substitutePlaceholders(sql, { BillingSchema: 'billing' });
const text = (name: string, value: string | null): SqlParameter => ({ name, value: value === null ? { isNull: true } : { stringValue: value } });
const long = (name: string, value: number): SqlParameter => ({ name, value: { longValue: value } });
const EXECUTION = 'arn:aws:states:sa-east-1:123456789012:execution:nfse-prod-BillingCycleWorkflow:manual-2026-11-1';

describe('the billing users on Postgres (PGlite through the local Data API)', () => {
  let db: DataApiProcess;

  /** Runs `work` as `role` in a transaction (SET LOCAL ROLE), rolled back unless `commit`; answers its result or Postgres's error. */
  const asRole = <T>(role: string, work: (client: RDSDataClient) => Promise<T>, commit = false): Promise<T | string> =>
    asDatabaseRole({ db, cluster: CLUSTER, masterSecret: MASTER_SECRET, database: 'nfse' }, role, work, commit);
  const run = (client: RDSDataClient, sql: string, parameters: SqlParameter[] = []): Promise<unknown> =>
    client.send(new ExecuteStatementCommand({ resourceArn: CLUSTER, secretArn: MASTER_SECRET, database: 'nfse', sql, parameters, formatRecordsAs: 'JSON' })).then((output) => (output.formattedRecords !== undefined ? JSON.parse(output.formattedRecords) : output.numberOfRecordsUpdated) as unknown);

  beforeAll(async () => {
    db = await startMigratedDataApi(MIGRATION);
  }, 120_000);

  afterAll(async () => {
    await db?.stop();
  });

  it('lets the writer claim a month, store usage, record the outcome and release the month, as BillingCycleWorkflow does', async () => {
    const claim = [text('competencia', '2026-11'), text('execution_arn', EXECUTION), text('stale_holder', null)];
    const usage = [text('competencia', '2026-11'), text('empresa_id', '17'), long('cobranca_quantity', 3), long('cobranca_centavos', 450), long('pixpay_quantity', 1), long('pixpay_centavos', 990)];
    const consolidation = [
      ...['competencia:2026-11', 'empresa_id:17', 'cnpj:11222333000181', 'razao_social:Cliente 17', 'status:invoiced', 'invoice_id:01JINVOICE00000000000000A', 'nfse_number:2026000017'].map((pair) => text(pair.split(':')[0] as string, pair.slice(pair.indexOf(':') + 1))),
      long('total_centavos', 1440),
      long('contract_id', 9001),
      text('error_code', null),
      text('error_message', null),
      text('execution_arn', EXECUTION),
    ];

    const outcome = await asRole(BILLING_ROLES.writer, async (client) => [
      await run(client, deployed(CLAIM_MONTH_SQL), claim),
      await run(client, deployed(STORE_USAGE_SQL), usage),
      await run(client, deployed(RECORD_CONSOLIDATION_SQL), consolidation),
      await run(client, deployed(RELEASE_MONTH_SQL), [text('competencia', '2026-11'), text('execution_arn', EXECUTION)]),
    ]);

    // The claim, both products' usage rows, the consolidation, the release.
    expect(outcome).toEqual([[{ execution_arn: EXECUTION, claimed: true }], 2, 1, 1]);
  });

  it('lets the reader read the outcomes, and refuses it any write and the month claims', async () => {
    expect(await asRole(BILLING_ROLES.reader, (client) => run(client, 'SELECT empresa_id, status FROM billing.consolidations WHERE competencia = :competencia', [text('competencia', '2026-11')]))).toEqual([]);
    expect(await asRole(BILLING_ROLES.reader, (client) => run(client, deployed(CLAIM_MONTH_SQL), [text('competencia', '2026-11'), text('execution_arn', EXECUTION), text('stale_holder', null)]))).toBe('ERROR: permission denied for table runs');
    expect(await asRole(BILLING_ROLES.reader, (client) => run(client, "UPDATE billing.consolidations SET status = 'failed'"))).toBe('ERROR: permission denied for table consolidations');
  });

  it('refuses the writer a DELETE and a schema change', async () => {
    expect(await asRole(BILLING_ROLES.writer, (client) => run(client, 'DELETE FROM billing.runs'))).toBe('ERROR: permission denied for table runs');
    expect(await asRole(BILLING_ROLES.writer, (client) => run(client, 'ALTER TABLE billing.usage ADD COLUMN note text'))).toBe('ERROR: must be owner of table usage');
  });
});
