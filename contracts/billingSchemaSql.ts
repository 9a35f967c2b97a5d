/*
 * `billing.*`: each company's usage of a month and what became of it, written only by
 * BillingCycleWorkflow through the RDS Data API (UPSERTs by competência + company), and which run
 * holds each month (`runs`: one row per competência, claimed with one conditional UPSERT, so two
 * runs of a month, manual or scheduled, never bill it at once). Idempotent:
 * safe to re-apply. Aurora rather than the seed's MongoDB: the rows are few and relational
 * (company × month × product), the workflow already writes Aurora through the Data API with no
 * driver, VPC or connection pool in a Lambda, and `ON CONFLICT ... DO UPDATE ... WHERE` makes a
 * re-run leave a row exactly as it was.
 */
/** The schema AWS and `npm start` use; each app on jest's shared Postgres has its own (`BILLING_SCHEMA`). */
export const DEFAULT_BILLING_SCHEMA = 'billing';

/** A Postgres identifier we accept as the schema's name (it is spliced into SQL, never quoted). */
export const BILLING_SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The billing schema's DDL in `schema`. */
export function billingSchemaSql(schema: string): string {
  if (!BILLING_SCHEMA_NAME.test(schema)) throw new Error(`not a billing schema name: ${schema}`);
  return `CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.usage (
  competencia   text NOT NULL,
  empresa_id    text NOT NULL,
  product       text NOT NULL,
  quantity      bigint NOT NULL,
  centavos      bigint NOT NULL,
  PRIMARY KEY (competencia, empresa_id, product),
  CONSTRAINT usage_product_check CHECK (product IN ('cobranca', 'pixpay'))
);

CREATE TABLE IF NOT EXISTS ${schema}.consolidations (
  competencia     text NOT NULL,
  empresa_id      text NOT NULL,
  cnpj            text NOT NULL,
  razao_social    text NOT NULL,
  total_centavos  bigint NOT NULL,
  status          text NOT NULL,
  contract_id     bigint,
  invoice_id      text,
  nfse_number     text,
  execution_arn   text,
  error_code      text,
  error_message   text,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (competencia, empresa_id),
  CONSTRAINT consolidations_status_check CHECK (status IN ('consolidated', 'invoiced', 'skipped', 'failed'))
);

CREATE INDEX IF NOT EXISTS consolidations_status_idx ON ${schema}.consolidations (competencia, status);

CREATE TABLE IF NOT EXISTS ${schema}.runs (
  competencia    text PRIMARY KEY,
  execution_arn  text NOT NULL,
  claimed_at     timestamptz NOT NULL,
  released_at    timestamptz
);
`;
}

export const BILLING_SCHEMA_SQL = billingSchemaSql(DEFAULT_BILLING_SCHEMA);

/**
 * The database users of the billing tables in AWS, each signing in (Data API) with a secret of its
 * own: BillingCycleWorkflow writes through one, the `/billing/runs` Lambda reads through the other.
 * The CDK migration creates them; Secrets Manager's multi-user rotation sets their passwords. The
 * local cloud keeps one user for everything.
 */
export const BILLING_ROLES = { writer: 'nfse_billing_writer', reader: 'nfse_billing_reader' } as const;

/**
 * What those users may do in the `billing` schema, applied once the roles and the tables exist.
 * The writer's UPSERTs read the row they update (the `WHERE` of `ON CONFLICT`), so SELECT beside
 * INSERT and UPDATE; the reader only reads the outcomes. Neither may DELETE or change the schema.
 */
export const BILLING_GRANTS_SQL = `GRANT USAGE ON SCHEMA ${DEFAULT_BILLING_SCHEMA} TO ${BILLING_ROLES.writer}, ${BILLING_ROLES.reader};
GRANT SELECT, INSERT, UPDATE ON ${DEFAULT_BILLING_SCHEMA}.usage, ${DEFAULT_BILLING_SCHEMA}.consolidations, ${DEFAULT_BILLING_SCHEMA}.runs TO ${BILLING_ROLES.writer};
GRANT SELECT ON ${DEFAULT_BILLING_SCHEMA}.consolidations TO ${BILLING_ROLES.reader};
`;

/** What a company's month is in `billing.consolidations`. */
export const CONSOLIDATION_STATUSES = ['consolidated', 'invoiced', 'skipped', 'failed'] as const;
export type ConsolidationStatus = (typeof CONSOLIDATION_STATUSES)[number];
