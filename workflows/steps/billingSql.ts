import type { ConsolidationStatus } from '../../contracts/billingSchemaSql';
import type { JsonataExpression } from '../asl/jsonataObject';
import { placeholder } from '../asl/placeholders';
import type { SqlParameter } from './executeSql';

/** The billing tables' schema: `billing` in AWS, one per app on a shared test database. */
const SCHEMA = placeholder('BillingSchema');

/** Both products' usage of the company (`$company`) in `$competencia`; a re-run with the same numbers changes no row. */
export const STORE_USAGE_SQL = [
  `INSERT INTO ${SCHEMA}.usage (competencia, empresa_id, product, quantity, centavos)`,
  " VALUES (:competencia, :empresa_id, 'cobranca', :cobranca_quantity, :cobranca_centavos), (:competencia, :empresa_id, 'pixpay', :pixpay_quantity, :pixpay_centavos)",
  ' ON CONFLICT (competencia, empresa_id, product) DO UPDATE SET quantity = EXCLUDED.quantity, centavos = EXCLUDED.centavos',
  ` WHERE (${SCHEMA}.usage.quantity, ${SCHEMA}.usage.centavos) IS DISTINCT FROM (EXCLUDED.quantity, EXCLUDED.centavos)`,
].join('');

export const STORE_USAGE_PARAMETERS: Readonly<Record<string, SqlParameter>> = {
  competencia: { text: '$competencia' },
  empresa_id: { text: '$company.empresaId' },
  cobranca_quantity: { long: '$company.cobranca.quantity' },
  cobranca_centavos: { long: '$company.cobranca.centavos' },
  pixpay_quantity: { long: '$company.pixpay.quantity' },
  pixpay_centavos: { long: '$company.pixpay.centavos' },
};

const COLUMNS = ['cnpj', 'razao_social', 'total_centavos', 'status', 'contract_id', 'invoice_id', 'nfse_number', 'error_code', 'error_message'] as const;
/** A column the state does not know keeps what the row had (a failure after the contract keeps its id). */
const KEPT = new Set(['contract_id', 'invoice_id', 'nfse_number']);
const mergedValue = (column: string): string => (KEPT.has(column) ? `COALESCE(EXCLUDED.${column}, ${SCHEMA}.consolidations.${column})` : `EXCLUDED.${column}`);

/**
 * What became of the company's month. An invoiced row never changes again; any other changes
 * only when something but its execution and time differs, so a re-run leaves rows as they were.
 */
export const RECORD_CONSOLIDATION_SQL = [
  `INSERT INTO ${SCHEMA}.consolidations (competencia, empresa_id, ${COLUMNS.join(', ')}, execution_arn, updated_at)`,
  ` VALUES (:competencia, :empresa_id, ${COLUMNS.map((c) => `:${c}`).join(', ')}, :execution_arn, now())`,
  ` ON CONFLICT (competencia, empresa_id) DO UPDATE SET ${COLUMNS.map((c) => `${c} = ${mergedValue(c)}`).join(', ')}, execution_arn = EXCLUDED.execution_arn, updated_at = EXCLUDED.updated_at`,
  ` WHERE ${SCHEMA}.consolidations.status <> 'invoiced'`,
  ` AND (${COLUMNS.map((c) => `${SCHEMA}.consolidations.${c}`).join(', ')}) IS DISTINCT FROM (${COLUMNS.map(mergedValue).join(', ')})`,
].join('');

/** What a recording state knows besides the company and the month. */
export interface ConsolidationFields {
  readonly status: ConsolidationStatus;
  readonly contractId?: JsonataExpression;
  readonly invoiceId?: JsonataExpression;
  readonly nfseNumber?: JsonataExpression;
  readonly errorCode?: JsonataExpression;
  readonly errorMessage?: JsonataExpression;
}

/** The parameters of {@link RECORD_CONSOLIDATION_SQL} for `$company` in `$competencia` (total `$total`). */
export function consolidationParameters(fields: ConsolidationFields): Readonly<Record<string, SqlParameter>> {
  return {
    competencia: { text: '$competencia' },
    empresa_id: { text: '$company.empresaId' },
    cnpj: { text: '$company.cnpj' },
    razao_social: { text: '$company.razaoSocial' },
    total_centavos: { long: '$total' },
    status: { text: `"${fields.status}"` },
    contract_id: { long: fields.contractId ?? 'null' },
    invoice_id: { text: fields.invoiceId ?? 'null' },
    nfse_number: { text: fields.nfseNumber ?? 'null' },
    error_code: { text: fields.errorCode ?? 'null' },
    error_message: { text: fields.errorMessage ?? 'null' },
    execution_arn: { text: '$states.context.Execution.Id' },
  };
}

/** Every company's recorded month, read before the Map (`FormattedRecords`, JSON). */
export const LOAD_RECORDED_SQL =
  `SELECT empresa_id, status, total_centavos, contract_id, invoice_id, nfse_number, error_code, error_message FROM ${SCHEMA}.consolidations WHERE competencia = :competencia`;

/**
 * Claims `$competencia` for this execution, atomically: the row is taken when it is free (released),
 * already this execution's (a retry), or held by `:stale_holder`, a holder this run found ended.
 * Answers one row: the holder now and whether it is this run. Postgres serialises two claims of one
 * month on the row, so of a manual and a scheduled run starting together exactly one gets it. The
 * second SELECT reads the statement's snapshot: under a concurrent first claim it may find no row,
 * and the state claims again.
 */
export const CLAIM_MONTH_SQL = [
  `WITH claim AS (INSERT INTO ${SCHEMA}.runs (competencia, execution_arn, claimed_at) VALUES (:competencia, :execution_arn, now())`,
  ' ON CONFLICT (competencia) DO UPDATE SET execution_arn = EXCLUDED.execution_arn, claimed_at = EXCLUDED.claimed_at, released_at = NULL',
  ` WHERE ${SCHEMA}.runs.released_at IS NOT NULL OR ${SCHEMA}.runs.execution_arn = EXCLUDED.execution_arn OR ${SCHEMA}.runs.execution_arn = :stale_holder`,
  ' RETURNING execution_arn)',
  ' SELECT execution_arn, true AS claimed FROM claim',
  ` UNION ALL SELECT execution_arn, false AS claimed FROM ${SCHEMA}.runs WHERE competencia = :competencia AND NOT EXISTS (SELECT 1 FROM claim)`,
].join('');

/** Frees `$competencia` when this execution holds it (a run another took over frees nothing). */
export const RELEASE_MONTH_SQL = `UPDATE ${SCHEMA}.runs SET released_at = now() WHERE competencia = :competencia AND execution_arn = :execution_arn AND released_at IS NULL`;

/** The parameters of {@link RELEASE_MONTH_SQL}. */
export const RELEASE_MONTH_PARAMETERS: Readonly<Record<string, SqlParameter>> = {
  competencia: { text: '$competencia' },
  execution_arn: { text: '$states.context.Execution.Id' },
};
