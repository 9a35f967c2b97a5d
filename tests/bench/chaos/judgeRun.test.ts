import { chaosKnobs } from '../../../bench/chaos/chaosSettings';
import type { InvoiceState, ReportRow } from '../../../bench/chaos/invoiceStates';
import { describeViolation, judgeRun } from '../../../bench/chaos/judgeRun';
import type { ProviderMockStatsSnapshot } from '../../../local/provider-mock/MockStats';

const invoice = (invoiceId: string, status: string, numero: number, nfseNumber?: string, municipalityCode = '3550308'): InvoiceState => ({
  invoiceId,
  status,
  municipalityCode,
  nfseNumber,
  errorCode: status === 'FAILED' ? 'E160' : undefined,
  rpsKey: `${municipalityCode}/11222333000181/1/${numero}`,
});
const mockStats = (byRps: Record<string, number>): ProviderMockStatsSnapshot => ({
  calls: {},
  injected: {},
  issued: Object.values(byRps).reduce((a, b) => a + b, 0),
  cancelled: 0,
  rejected: 0,
  substituted: 0,
  byRps: Object.fromEntries(Object.entries(byRps).map(([rps, n]) => [/\//.test(rps) ? rps : `3550308/11222333000181/1/${rps}`, { calls: { GerarNfse: 1 }, nfseIssued: n }])),
});

describe('judgeRun', () => {
  const issued = invoice('A', 'ISSUED', 1, '7');
  const failed = invoice('B', 'FAILED', 2);
  const rows = new Map<string, ReportRow>([
    ['A', { status: 'ISSUED', nfseNumber: '7' }],
    ['B', { status: 'FAILED', nfseNumber: null }],
  ]);

  it('finds nothing wrong when every invoice is final, issued once and mirrored in Aurora', () => {
    const verdict = judgeRun(['A', 'B'], new Map([['A', issued], ['B', failed]]), rows, mockStats({ 1: 1 }));

    expect(verdict).toEqual({ duplicates: 0, violations: [] });
  });

  it('names stuck, missing, duplicated, orphaned and disagreeing invoices', () => {
    const stuck = invoice('C', 'PROCESSING', 3);
    const twin = invoice('D', 'ISSUED', 1, '8');
    const invoices = new Map([['A', issued], ['B', failed], ['C', stuck], ['D', twin]]);
    const disagreeing = new Map<string, ReportRow>([...rows, ['D', { status: 'PROCESSING', nfseNumber: null }]]);

    const verdict = judgeRun(['A', 'B', 'C', 'D', 'E'], invoices, disagreeing, mockStats({ 1: 2, 2: 1 }));

    expect(verdict.duplicates).toBe(2);
    expect(verdict.violations).toEqual([
      { rule: 'posted invoices missing from DynamoDB', offenders: ['E'], invoiceIds: [] },
      { rule: 'invoices not in a final state (ISSUED or FAILED)', offenders: ['C PROCESSING'], invoiceIds: ['C'] },
      { rule: 'duplicate NFS-e: the city issued more than one for an RPS', offenders: ['RPS 3550308/11222333000181/1/1: 2 NFS-e'], invoiceIds: [] },
      { rule: 'duplicate RPS: invoices sharing one RPS number', offenders: ['RPS 3550308/11222333000181/1/1: invoices A, D'], invoiceIds: [] },
      { rule: 'ISSUED here without exactly one NFS-e at the city', offenders: ['A (RPS 3550308/11222333000181/1/1)', 'D (RPS 3550308/11222333000181/1/1)'], invoiceIds: ['A', 'D'] },
      { rule: 'FAILED here but the city issued an NFS-e', offenders: ['B (RPS 3550308/11222333000181/1/2)'], invoiceIds: ['B'] },
      {
        rule: 'DynamoDB and Aurora (nfse.invoices) disagree',
        offenders: ['C: DynamoDB PROCESSING, no row in Aurora', 'D: DynamoDB ISSUED NFS-e 8, Aurora PROCESSING NFS-e null'],
        invoiceIds: ['C', 'D'],
      },
    ]);
  });

  it('finds two ISSUED invoices carrying the same NFS-e number', () => {
    const other = invoice('D', 'ISSUED', 4, '7');

    const verdict = judgeRun(['A', 'D'], new Map([['A', issued], ['D', other]]), new Map([...rows, ['D', { status: 'ISSUED', nfseNumber: '7' }]]), mockStats({ 1: 1, 4: 1 }));

    expect(verdict).toEqual({ duplicates: 1, violations: [{ rule: 'duplicate NFS-e number: ISSUED invoices sharing one', offenders: ['NFS-e 3550308/7: invoices A, D'], invoiceIds: [] }] });
  });

  it('lets two cities each have their NFS-e 7 and RPS 1, but not an invoice ISSUED with another city’s NFS-e', () => {
    const carioca = invoice('R', 'ISSUED', 1, '7', '3304557');
    const mixedUp = invoice('M', 'ISSUED', 2, '7', '3304557');
    const reportRows = new Map<string, ReportRow>([...rows, ['R', { status: 'ISSUED', nfseNumber: '7' }], ['M', { status: 'ISSUED', nfseNumber: '7' }]]);

    const fine = judgeRun(['A', 'R'], new Map([['A', issued], ['R', carioca]]), reportRows, mockStats({ 1: 1, '3304557/11222333000181/1/1': 1 }));
    const wrong = judgeRun(['A', 'M'], new Map([['A', issued], ['M', mixedUp]]), reportRows, mockStats({ 1: 1 }));

    expect(fine).toEqual({ duplicates: 0, violations: [] });
    expect(wrong.violations).toEqual([{ rule: 'ISSUED here without exactly one NFS-e at the city', offenders: ['M (RPS 3304557/11222333000181/1/2)'], invoiceIds: ['M'] }]);
  });

  it('lists the first five offenders of a violation and counts the rest', () => {
    const text = describeViolation({ rule: 'stuck', offenders: ['1', '2', '3', '4', '5', '6', '7'], invoiceIds: [] });

    expect(text).toBe('  stuck: 7\n    1\n    2\n    3\n    4\n    5\n    … and 2 more');
  });
});

describe('chaosKnobs', () => {
  it('conditions each later error rate on the earlier ones not firing, so the marginal shares are as asked', () => {
    const knobs = chaosKnobs({ transient: 0.2, rejection: 0.05, acceptThenTimeout: 0.05 }, 500);
    const rates = knobs.errorRates ?? {};
    const transient = rates.transient5xx ?? 0;
    const rejection = rates.rejection ?? 0;
    const acceptThenTimeout = rates.acceptThenTimeout ?? 0;

    expect(knobs).toMatchObject({ latencyMs: 500, errorOperations: ['GerarNfse'] });
    expect(transient).toBe(0.2);
    expect((1 - transient) * rejection).toBeCloseTo(0.05, 12);
    expect((1 - transient) * (1 - rejection) * acceptThenTimeout).toBeCloseTo(0.05, 12);
  });
});
