import type { ProviderMockStatsSnapshot } from '../../local/provider-mock/MockStats';
import type { InvoiceState, ReportRow } from './invoiceStates';

/** The statuses an emission can end in. */
const FINAL = new Set(['ISSUED', 'FAILED']);
/** How many offenders a violation lists before "…". */
const SHOWN = 5;

/** One broken promise, with the invoices (or RPS) that break it. */
export interface Violation {
  readonly rule: string;
  readonly offenders: readonly string[];
  /** The invoices involved, when the rule is about invoices (their stories are worth printing). */
  readonly invoiceIds: readonly string[];
}

/** What the chaos run ended with. */
export interface ChaosVerdict {
  /** NFS-e the city issued more than once for one RPS, or one RPS or NFS-e number shared by invoices. */
  readonly duplicates: number;
  readonly violations: readonly Violation[];
}

/**
 * Checks the promises of the design after a chaos run: every posted invoice exists and ended
 * ISSUED or FAILED; the city issued at most one NFS-e per RPS, exactly one for an ISSUED invoice
 * and none for a FAILED one; no two invoices share an RPS or a city's NFS-e number; and Aurora's
 * `nfse.invoices` agrees with DynamoDB on status and NFS-e number for every invoice.
 */
export function judgeRun(posted: readonly string[], invoices: ReadonlyMap<string, InvoiceState>, rows: ReadonlyMap<string, ReportRow>, mock: ProviderMockStatsSnapshot): ChaosVerdict {
  // Every invoice in the table, posted-and-answered or not (a POST whose answer was lost still made one).
  const known = [...invoices.values()];
  const issuedTwice = Object.entries(mock.byRps).filter(([, stats]) => stats.nfseIssued > 1).map(([rps, stats]) => `RPS ${rps}: ${stats.nfseIssued} NFS-e`);
  const sharedRps = shared(known, (invoice) => invoice.rpsKey).map(([rps, ids]) => `RPS ${rps}: invoices ${ids.join(', ')}`);
  // Each city numbers its own NFS-e: one number is shared only within a city.
  const sharedNumber = shared(
    known.filter((invoice) => invoice.status === 'ISSUED'),
    (invoice) => `${invoice.municipalityCode}/${invoice.nfseNumber ?? '(none)'}`,
  ).map(([numero, ids]) => `NFS-e ${numero}: invoices ${ids.join(', ')}`);
  const nfseCount = (invoice: InvoiceState): number => mock.byRps[invoice.rpsKey]?.nfseIssued ?? 0;
  const stuck = known.filter((i) => !FINAL.has(i.status));
  const issuedWithout = known.filter((i) => i.status === 'ISSUED' && nfseCount(i) !== 1);
  const failedButIssued = known.filter((i) => i.status === 'FAILED' && nfseCount(i) > 0);
  const disagreeing = known.map((i) => ({ id: i.invoiceId, text: disagreement(i, rows.get(i.invoiceId)) })).filter((d): d is { id: string; text: string } => d.text !== undefined);
  const violations: Violation[] = [
    { rule: 'posted invoices missing from DynamoDB', offenders: posted.filter((id) => !invoices.has(id)), invoiceIds: [] },
    { rule: 'invoices not in a final state (ISSUED or FAILED)', offenders: stuck.map((i) => `${i.invoiceId} ${i.status}`), invoiceIds: stuck.map((i) => i.invoiceId) },
    { rule: 'duplicate NFS-e: the city issued more than one for an RPS', offenders: issuedTwice, invoiceIds: [] },
    { rule: 'duplicate RPS: invoices sharing one RPS number', offenders: sharedRps, invoiceIds: [] },
    { rule: 'duplicate NFS-e number: ISSUED invoices sharing one', offenders: sharedNumber, invoiceIds: [] },
    { rule: 'ISSUED here without exactly one NFS-e at the city', offenders: issuedWithout.map((i) => `${i.invoiceId} (RPS ${i.rpsKey})`), invoiceIds: issuedWithout.map((i) => i.invoiceId) },
    { rule: 'FAILED here but the city issued an NFS-e', offenders: failedButIssued.map((i) => `${i.invoiceId} (RPS ${i.rpsKey})`), invoiceIds: failedButIssued.map((i) => i.invoiceId) },
    { rule: 'DynamoDB and Aurora (nfse.invoices) disagree', offenders: disagreeing.map((d) => d.text), invoiceIds: disagreeing.map((d) => d.id) },
  ].filter((violation) => violation.offenders.length > 0);
  return { duplicates: issuedTwice.length + sharedRps.length + sharedNumber.length, violations };
}

/** Human lines for a violation: the rule, the count and the first offenders. */
export function describeViolation(violation: Violation): string {
  const shown = violation.offenders.slice(0, SHOWN).map((o) => `    ${o}`);
  const more = violation.offenders.length > SHOWN ? [`    … and ${violation.offenders.length - SHOWN} more`] : [];
  return [`  ${violation.rule}: ${violation.offenders.length}`, ...shown, ...more].join('\n');
}

function disagreement(invoice: InvoiceState, row: ReportRow | undefined): string | undefined {
  if (row === undefined) return `${invoice.invoiceId}: DynamoDB ${invoice.status}, no row in Aurora`;
  const number = invoice.nfseNumber ?? null;
  if (row.status === invoice.status && row.nfseNumber === number) return undefined;
  return `${invoice.invoiceId}: DynamoDB ${invoice.status} NFS-e ${String(number)}, Aurora ${row.status} NFS-e ${String(row.nfseNumber)}`;
}

/** Keys held by more than one item, with the ids of the items. */
function shared(invoices: readonly InvoiceState[], keyOf: (invoice: InvoiceState) => string): Array<[string, string[]]> {
  const byKey = new Map<string, string[]>();
  for (const invoice of invoices) byKey.set(keyOf(invoice), [...(byKey.get(keyOf(invoice)) ?? []), invoice.invoiceId]);
  return [...byKey.entries()].filter(([, ids]) => ids.length > 1);
}
