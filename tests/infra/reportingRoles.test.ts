import { ExecuteStatementCommand, type RDSDataClient, type SqlParameter } from '@aws-sdk/client-rds-data';
import { INVOICES_SCHEMA_SQL, REPORTING_GRANTS_SQL, REPORTING_ROLES, splitSqlStatements } from '../../contracts/invoicesSchemaSql';
import { applyStatements, ensureRoles, type MigrationProperties } from '../../infra/lambda/migrateSchema';
import { revenueReport } from '../../tasks/report/revenueReport';
import { REPORT_UPSERT_SQL } from '../../workflows/steps/reportInvoice';
import type { DataApiProcess } from '../local/rds-data/dataApiProcess';
import { startMigratedDataApi } from './helpers/migratedDataApi';
import { asDatabaseRole } from './helpers/asDatabaseRole';

const CLUSTER = 'arn:aws:rds:us-east-1:000000000000:cluster:reporting-roles';
const MASTER_SECRET = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:master';
/** What DataStack hands the migration: the schema, then the grants, the roles created first. */
const MIGRATION: MigrationProperties = {
  ClusterArn: CLUSTER,
  SecretArn: MASTER_SECRET,
  Database: 'nfse',
  Statements: [...splitSqlStatements(INVOICES_SCHEMA_SQL), ...splitSqlStatements(REPORTING_GRANTS_SQL)],
  Roles: Object.values(REPORTING_ROLES),
};

/** The parameters the workflows' ReportIssued state sends for an issued invoice. */
function issuedInvoice(invoiceId: string): SqlParameter[] {
  const text = (name: string, value: string | null): SqlParameter => ({ name, value: value === null ? { isNull: true } : { stringValue: value } });
  return [
    text('invoice_id', invoiceId),
    text('company_cnpj', '11222333000181'),
    text('municipality_code', '3550308'),
    text('total', '150.00'),
    text('status', 'ISSUED'),
    text('xml_key', `xml/${invoiceId}.xml`),
    text('nfse_xml_key', `nfse/${invoiceId}.xml`),
    text('provider_protocol', null),
    text('nfse_number', '2026000123'),
    text('verification_code', 'AB12CD34'),
    text('rps_serie', 'A'),
    { name: 'rps_numero', value: { longValue: 7 } },
    text('created_at', '2026-11-03T10:00:00.000Z'),
    text('processed_at', '2026-11-03T10:00:05.000Z'),
    text('cancelled_at', null),
    text('error', null),
    text('provider', 'abrasf-2.04'),
    text('chave_acesso', null),
  ];
}

describe('the reporting roles on Postgres (PGlite through the local Data API)', () => {
  let db: DataApiProcess;

  const asRole = <T>(role: string, work: (client: RDSDataClient) => Promise<T>, commit = false): Promise<T | string> =>
    asDatabaseRole({ db, cluster: CLUSTER, masterSecret: MASTER_SECRET, database: 'nfse' }, role, work, commit);
  const statement = (client: RDSDataClient, sql: string, parameters: SqlParameter[] = []): Promise<unknown> =>
    client.send(new ExecuteStatementCommand({ resourceArn: CLUSTER, secretArn: MASTER_SECRET, database: 'nfse', sql, parameters })).then((output) => output.numberOfRecordsUpdated);
  const report = (client: RDSDataClient): Promise<unknown> =>
    revenueReport({ rds: client, clusterArn: CLUSTER, secretArn: MASTER_SECRET, database: 'nfse' }, { principal: 'ops', grant: { principal: 'ops', cnpjs: [], role: 'ops', allCompanies: true, updatedAt: '2026-11-01T00:00:00Z' } }, { month: '2026-11' });

  beforeAll(async () => {
    db = await startMigratedDataApi(MIGRATION);
    // What Secrets Manager's multi-user rotation does on its first run: a clone that inherits the role.
    await statement(db.client, 'CREATE ROLE nfse_report_writer_clone WITH LOGIN');
    await statement(db.client, 'GRANT nfse_report_writer TO nfse_report_writer_clone');
  }, 120_000);

  afterAll(async () => {
    await db?.stop();
  });

  it('creates LOGIN roles that cannot create roles or databases and are no superusers', async () => {
    const roles = await db.client.send(
      new ExecuteStatementCommand({ resourceArn: CLUSTER, secretArn: MASTER_SECRET, sql: "SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname IN ('nfse_report_writer', 'nfse_report_reader') ORDER BY rolname" }),
    );
    expect(roles.records).toEqual([
      [{ stringValue: 'nfse_report_reader' }, { booleanValue: true }, { booleanValue: false }, { booleanValue: false }, { booleanValue: false }],
      [{ stringValue: 'nfse_report_writer' }, { booleanValue: true }, { booleanValue: false }, { booleanValue: false }, { booleanValue: false }],
    ]);
  });

  it('runs again on the next deploy without creating anything or failing', async () => {
    await expect(ensureRoles(db.client, MIGRATION)).resolves.toEqual([]);
    await expect(applyStatements(db.client, MIGRATION)).resolves.toBe(MIGRATION.Statements.length);
  });

  it('lets the writer, and its rotation clone, mirror invoices with the workflows’ UPSERT', async () => {
    expect(await asRole('nfse_report_writer', (client) => statement(client, REPORT_UPSERT_SQL, issuedInvoice('01JWRITER0000000000000000A')), true)).toBe(1);
    expect(await asRole('nfse_report_writer_clone', (client) => statement(client, REPORT_UPSERT_SQL, issuedInvoice('01JWRITER0000000000000000B')), true)).toBe(1);
    // The conflict branch reads the stored row: the same invoice again updates it.
    expect(await asRole('nfse_report_writer', (client) => statement(client, REPORT_UPSERT_SQL, issuedInvoice('01JWRITER0000000000000000A')))).toBe(1);
  });

  it('refuses the writer a DELETE, a TRUNCATE and a schema change', async () => {
    expect(await asRole('nfse_report_writer', (client) => statement(client, 'DELETE FROM nfse.invoices'))).toBe('ERROR: permission denied for table invoices');
    expect(await asRole('nfse_report_writer', (client) => statement(client, 'TRUNCATE nfse.invoices'))).toBe('ERROR: permission denied for table invoices');
    expect(await asRole('nfse_report_writer', (client) => statement(client, 'ALTER TABLE nfse.invoices ADD COLUMN note text'))).toBe('ERROR: must be owner of table invoices');
  });

  it('lets the reader run the revenue report, and refuses it any write', async () => {
    expect(await asRole('nfse_report_reader', report)).toEqual({ month: '2026-11', rows: [{ municipalityCode: '3550308', invoices: 2, revenue: '300.00' }], total: '300.00' });
    expect(await asRole('nfse_report_reader', (client) => statement(client, REPORT_UPSERT_SQL, issuedInvoice('01JREADER0000000000000000A')))).toBe('ERROR: permission denied for table invoices');
    expect(await asRole('nfse_report_reader', (client) => statement(client, "UPDATE nfse.invoices SET status = 'FAILED'"))).toBe('ERROR: permission denied for table invoices');
    expect(await asRole('nfse_report_reader', (client) => statement(client, 'DELETE FROM nfse.invoices'))).toBe('ERROR: permission denied for table invoices');
  });

  it('gives a role nothing without the grants (the check can fail)', async () => {
    await statement(db.client, 'CREATE ROLE nfse_report_nobody WITH LOGIN');
    expect(await asRole('nfse_report_nobody', report)).toMatch(/^ERROR: permission denied for schema nfse\n/);
  });
});
