import { INVOICES_SCHEMA_SQL, splitSqlStatements } from '../../contracts/invoicesSchemaSql';
import { substitutionsFromEnv } from '../../contracts/wiring';

describe('substitutionsFromEnv', () => {
  it('names every missing environment variable', () => {
    expect(() => substitutionsFromEnv({ INVOICES_TABLE: 'invoices' })).toThrow(
      'missing environment variables: DOCS_BUCKET, REQUESTS_QUEUE_URL, FAILURES_QUEUE_URL, EVENT_BUS_NAME, DB_CLUSTER_ARN, DB_SECRET_ARN, DB_NAME',
    );
  });
});

describe('splitSqlStatements', () => {
  it('splits the invoices schema into its statements', () => {
    const statements = splitSqlStatements(INVOICES_SCHEMA_SQL);

    expect(statements.map((statement) => statement.split('\n')[0])).toEqual([
      'CREATE SCHEMA IF NOT EXISTS nfse',
      'CREATE TABLE IF NOT EXISTS nfse.invoices (',
      'ALTER TABLE nfse.invoices ADD COLUMN IF NOT EXISTS provider text',
      'ALTER TABLE nfse.invoices ADD COLUMN IF NOT EXISTS chave_acesso text',
      'ALTER TABLE nfse.invoices DROP CONSTRAINT IF EXISTS invoices_status_check',
      "ALTER TABLE nfse.invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('EMITTED', 'PROCESSING', 'ISSUED', 'FAILED', 'CANCELLING', 'CANCELLED', 'SUBSTITUTING', 'SUBSTITUTED'))",
      'CREATE INDEX IF NOT EXISTS invoices_company_created_idx ON nfse.invoices (company_cnpj, created_at)',
      'CREATE INDEX IF NOT EXISTS invoices_municipality_created_idx ON nfse.invoices (municipality_code, created_at)',
    ]);
  });
});
