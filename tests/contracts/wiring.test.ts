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

describe('splitSqlStatements, around what holds a semicolon', () => {
  it('keeps a dollar-quoted function body, a quoted literal and a quoted identifier whole, and drops comments', () => {
    const script = `-- a comment; with a semicolon
CREATE FUNCTION s.f(x integer) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1;
  RETURN x + 1;
END $$;
INSERT INTO s.t (note, "odd;name") VALUES ('it''s; fine', $tag$a;b$tag$);
SELECT $1;`;

    expect(splitSqlStatements(script)).toEqual([
      'CREATE FUNCTION s.f(x integer) RETURNS integer LANGUAGE plpgsql AS $$\nBEGIN\n  PERFORM 1;\n  RETURN x + 1;\nEND $$',
      `INSERT INTO s.t (note, "odd;name") VALUES ('it''s; fine', $tag$a;b$tag$)`,
      'SELECT $1',
    ]);
  });

  it("keeps an E'' literal with a backslash-escaped quote and a block comment whole", () => {
    expect(splitSqlStatements("SELECT E'it\\'s; fine', /* a; b */ 1;\nSELECT 2;")).toEqual(["SELECT E'it\\'s; fine', /* a; b */ 1", 'SELECT 2']);
  });
});

