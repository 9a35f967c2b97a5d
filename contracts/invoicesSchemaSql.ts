import { lineCommentEnd, skipSqlLexeme } from './sqlLexemes';

/**
 * `nfse.invoices`: the reporting mirror of INVOICES_TABLE, written only by the workflows through
 * the RDS Data API (`INSERT ... ON CONFLICT (invoice_id) DO UPDATE`). Idempotent: safe to re-apply.
 * A string (not a .sql file) so bundlers and the CDK migration custom resource carry it as code.
 */
export const INVOICES_SCHEMA_SQL = `CREATE SCHEMA IF NOT EXISTS nfse;

CREATE TABLE IF NOT EXISTS nfse.invoices (
  invoice_id          text PRIMARY KEY,
  company_cnpj        text NOT NULL,
  municipality_code   text,
  total               numeric(12,2) NOT NULL,
  status              text NOT NULL,
  xml_key             text,
  nfse_xml_key        text,
  provider_protocol   text,
  nfse_number         text,
  verification_code   text,
  rps_serie           text,
  rps_numero          bigint,
  created_at          timestamptz NOT NULL,
  processed_at        timestamptz,
  cancelled_at        timestamptz,
  error               text,
  provider            text,
  chave_acesso        text,
  CONSTRAINT invoices_status_check CHECK (status IN ('EMITTED', 'PROCESSING', 'ISSUED', 'FAILED', 'CANCELLING', 'CANCELLED', 'SUBSTITUTING', 'SUBSTITUTED'))
);

-- Columns added after the first deployments: CREATE TABLE IF NOT EXISTS leaves an existing table as it was.
ALTER TABLE nfse.invoices ADD COLUMN IF NOT EXISTS provider text;
ALTER TABLE nfse.invoices ADD COLUMN IF NOT EXISTS chave_acesso text;
-- Statuses added after the first deployments (substitution): the check is replaced, not kept as it was.
ALTER TABLE nfse.invoices DROP CONSTRAINT IF EXISTS invoices_status_check;
ALTER TABLE nfse.invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('EMITTED', 'PROCESSING', 'ISSUED', 'FAILED', 'CANCELLING', 'CANCELLED', 'SUBSTITUTING', 'SUBSTITUTED'));

CREATE INDEX IF NOT EXISTS invoices_company_created_idx ON nfse.invoices (company_cnpj, created_at);
CREATE INDEX IF NOT EXISTS invoices_municipality_created_idx ON nfse.invoices (municipality_code, created_at);
`;

/**
 * The columns of `nfse.invoices` in table order, with their SQL types: the row the workflows
 * write. `tests/contracts/invoicesSchemaSql.test.ts` holds it to the CREATE TABLE above.
 */
export const INVOICE_ROW_COLUMNS = {
  invoice_id: 'text',
  company_cnpj: 'text',
  municipality_code: 'text',
  total: 'numeric',
  status: 'text',
  xml_key: 'text',
  nfse_xml_key: 'text',
  provider_protocol: 'text',
  nfse_number: 'text',
  verification_code: 'text',
  rps_serie: 'text',
  rps_numero: 'bigint',
  created_at: 'timestamptz',
  processed_at: 'timestamptz',
  cancelled_at: 'timestamptz',
  error: 'text',
  /** The system that issued it (`abrasf-2.04`, `nacional`). */
  provider: 'text',
  /** The national NFS-e's access key (50 characters). */
  chave_acesso: 'text',
} as const;
export type InvoiceRowColumn = keyof typeof INVOICE_ROW_COLUMNS;
export type InvoiceRowSqlType = (typeof INVOICE_ROW_COLUMNS)[InvoiceRowColumn];

/**
 * The database users of the reporting mirror in AWS: the workflows write through one, the report
 * Lambda reads through the other, each signing in (Data API) with a Secrets Manager secret of its
 * own; neither is the master. The CDK migration creates them as LOGIN roles; Secrets Manager's
 * multi-user rotation sets their passwords, alternating each with a `{name}_clone` member that
 * inherits its grants. The local cloud keeps one user for everything.
 */
export const REPORTING_ROLES = { writer: 'nfse_report_writer', reader: 'nfse_report_reader' } as const;

/**
 * What the reporting users may do, applied after {@link INVOICES_SCHEMA_SQL} once the roles exist.
 * The writer's UPSERT reads the row it updates (`COALESCE(EXCLUDED.x, nfse.invoices.x)`, the
 * `WHERE` of `ON CONFLICT`), so it needs SELECT beside INSERT and UPDATE; neither user may
 * DELETE, TRUNCATE or change the schema. Idempotent: safe to re-apply.
 */
export const REPORTING_GRANTS_SQL = `GRANT USAGE ON SCHEMA nfse TO nfse_report_writer, nfse_report_reader;
GRANT SELECT, INSERT, UPDATE ON nfse.invoices TO nfse_report_writer;
GRANT SELECT ON nfse.invoices TO nfse_report_reader;
`;

/**
 * Splits a SQL script into statements (the Data API runs one statement per call) at the `;` that
 * end them: not those inside a string literal, a quoted identifier, a dollar-quoted body (`$$ … $$`:
 * a function's statements) or a comment. `--` comments are dropped.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let at = 0;
  while (at < script.length) {
    const char = script[at] as string;
    if (char === '-' && script[at + 1] === '-') {
      at = lineCommentEnd(script, at);
      continue;
    }
    const skipped = skipSqlLexeme(script, at);
    if (skipped !== undefined) {
      current += script.slice(at, skipped);
      at = skipped;
      continue;
    }
    if (char === ';') {
      statements.push(current);
      current = '';
    } else {
      current += char;
    }
    at++;
  }
  statements.push(current);
  return statements.map((statement) => statement.trim()).filter((statement) => statement.length > 0);
}
