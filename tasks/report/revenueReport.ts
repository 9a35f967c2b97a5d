import { ExecuteStatementCommand, type RDSDataClient, type SqlParameter } from '@aws-sdk/client-rds-data';
import type { RevenueQuery, RevenueReport } from '../../contracts/listInvoices';
import type { Caller } from '../shared/caller';
import { companyOf } from '../shared/companyOf';

/** What the report talks to. */
export interface ReportDeps {
  readonly rds: RDSDataClient;
  readonly clusterArn: string;
  readonly secretArn: string;
  readonly database: string;
}

/** Revenue of ISSUED invoices by municipality in a month, from Aurora (`nfse.invoices`). */
export async function revenueReport(deps: ReportDeps, caller: Caller, query: RevenueQuery): Promise<RevenueReport> {
  const company = companyOf(caller, query.companyCnpj);
  const parameters: SqlParameter[] = [{ name: 'month', value: { stringValue: `${query.month}-01` } }];
  if (company !== undefined) parameters.push({ name: 'company', value: { stringValue: company } });
  const result = await deps.rds.send(
    new ExecuteStatementCommand({
      resourceArn: deps.clusterArn,
      secretArn: deps.secretArn,
      database: deps.database,
      sql: [
        'SELECT municipality_code, count(*) AS invoices, sum(total)::text AS revenue FROM nfse.invoices',
        " WHERE status = 'ISSUED' AND created_at >= CAST(:month AS date) AND created_at < CAST(:month AS date) + interval '1 month'",
        company !== undefined ? ' AND company_cnpj = :company' : '',
        ' GROUP BY municipality_code ORDER BY municipality_code',
      ].join(''),
      parameters,
    }),
  );
  const rows = (result.records ?? []).map((record) => ({
    municipalityCode: record[0]?.stringValue ?? '',
    invoices: Number(record[1]?.longValue ?? 0),
    revenue: record[2]?.stringValue ?? '0.00',
  }));
  const totalCents = rows.reduce((sum, row) => sum + BigInt(row.revenue.replace('.', '')), 0n);
  return { month: query.month, ...(company !== undefined ? { companyCnpj: company } : {}), rows, total: formatCents(totalCents) };
}

function formatCents(cents: bigint): string {
  const text = cents.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}
