import type { BillingRun, BillingRunDetail } from '../../contracts/billingRuns';

/** Centavos as reais for people: 1234567 → "12345.67". */
function reais(centavos: number): string {
  return `${Math.trunc(centavos / 100)}.${String(centavos % 100).padStart(2, '0')}`;
}

/** What the run did: its summary, or that another run held its month (it did nothing, though SUCCEEDED). */
function summaryOf(run: BillingRun): string {
  const { summary, heldBy } = run;
  if (heldBy !== undefined) return `held by ${heldBy.runId}: did nothing`;
  return summary === undefined ? '' : `${summary.companies} companies: ${summary.invoiced} invoiced, ${summary.skipped} skipped, ${summary.failed.length} failed`;
}

/** One line per run: id, month, trigger, status, when, and what it did. */
export function describeBillingRuns(runs: readonly BillingRun[]): string {
  if (runs.length === 0) return 'no billing runs';
  const rows = runs.map((run) => [run.runId, run.competencia, run.trigger, run.status, run.startDate, summaryOf(run)]);
  const header = ['RUN', 'MONTH', 'TRIGGER', 'STATUS', 'STARTED', 'OUTCOME'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  return [header, ...rows].map((row) => row.map((cell, i) => (cell ?? '').padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** The run and each company of its month with its outcome, then the execution to open. */
export function describeBillingRun(run: BillingRunDetail): string {
  const outcome = summaryOf(run);
  const lines = [`run ${run.runId}: ${run.competencia}, ${run.trigger}, ${run.status}${outcome !== '' ? ` — ${outcome}` : ''}`, `execution ${run.executionArn}`];
  if (run.heldBy !== undefined) lines.push(`the month was held by ${run.heldBy.executionArn} (nfse billing show ${run.heldBy.runId}); its companies as recorded now:`);
  lines.push('');
  const rows = run.companies.map((company) => [company.empresaId, company.cnpj, company.status, reais(company.totalCentavos), company.invoiceId ?? '', company.nfseNumber ?? '', company.error !== undefined ? `${company.error.code}: ${company.error.message}` : '']);
  const header = ['EMPRESA', 'CNPJ', 'STATUS', 'TOTAL', 'INVOICE', 'NFS-E', 'ERROR'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  lines.push(...[header, ...rows].map((row) => row.map((cell, i) => (cell ?? '').padEnd(widths[i] ?? 0)).join('  ').trimEnd()));
  return lines.join('\n');
}
