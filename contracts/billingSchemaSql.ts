/**
 * `billing.*`: each company's usage of a month and what became of it, written only by
 * BillingCycleWorkflow through the RDS Data API (UPSERTs by competência + company). Idempotent:
 * safe to re-apply. Aurora rather than the seed's MongoDB: the rows are few and relational
 * (company × month × product), the workflow already writes Aurora through the Data API with no
 * driver, VPC or connection pool in a Lambda, and `ON CONFLICT ... DO UPDATE ... WHERE` makes a
 * re-run leave a row exactly as it was.
 */
export const BILLING_SCHEMA_SQL = `CREATE SCHEMA IF NOT EXISTS billing;

CREATE TABLE IF NOT EXISTS billing.usage (
  competencia   text NOT NULL,
  empresa_id    text NOT NULL,
  product       text NOT NULL,
  quantity      bigint NOT NULL,
  centavos      bigint NOT NULL,
  PRIMARY KEY (competencia, empresa_id, product),
  CONSTRAINT usage_product_check CHECK (product IN ('cobranca', 'pixpay'))
);

CREATE TABLE IF NOT EXISTS billing.consolidations (
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

CREATE INDEX IF NOT EXISTS consolidations_status_idx ON billing.consolidations (competencia, status);
`;

/** What a company's month is in `billing.consolidations`. */
export const CONSOLIDATION_STATUSES = ['consolidated', 'invoiced', 'skipped', 'failed'] as const;
export type ConsolidationStatus = (typeof CONSOLIDATION_STATUSES)[number];
