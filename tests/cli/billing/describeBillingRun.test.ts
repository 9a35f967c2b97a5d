import { describeBillingRun, describeBillingRuns } from '../../../cli/billing/describeBillingRun';
import type { BillingRun, BillingRunDetail } from '../../../contracts/billingRuns';

const MACHINE = 'arn:aws:states:us-east-1:000000000000:execution:nfse-local-BillingCycleWorkflow';
const billed: BillingRun = {
  runId: 'manual-2026-03-1',
  executionArn: `${MACHINE}:manual-2026-03-1`,
  competencia: '2026-03',
  trigger: 'manual',
  status: 'SUCCEEDED',
  startDate: '2026-04-01T05:00:01.000Z',
  stopDate: '2026-04-01T05:00:09.000Z',
  summary: { competencia: '2026-03', companies: 2, invoiced: 1, skipped: 0, failed: [{ empresa: '2', error: { code: 'Erp.Rejected', message: 'blocked' } }] },
};
const held: BillingRun = {
  runId: '3f6c2b1e-8a4d-4f0e-9b7a-2d5c1e8f4a60',
  executionArn: `${MACHINE}:3f6c2b1e-8a4d-4f0e-9b7a-2d5c1e8f4a60`,
  competencia: '2026-03',
  trigger: 'scheduled',
  status: 'SUCCEEDED',
  startDate: '2026-04-01T05:00:04.000Z',
  stopDate: '2026-04-01T05:00:05.000Z',
  heldBy: { runId: billed.runId, executionArn: billed.executionArn },
};

describe('describeBillingRuns', () => {
  it('shows a run that found its month held as held by the run that billed it', () => {
    const lines = describeBillingRuns([held, billed]).split('\n');

    expect(lines.map((line) => line.split(/\s{2,}/))).toEqual([
      ['RUN', 'MONTH', 'TRIGGER', 'STATUS', 'STARTED', 'OUTCOME'],
      [held.runId, '2026-03', 'scheduled', 'SUCCEEDED', held.startDate, 'held by manual-2026-03-1: did nothing'],
      [billed.runId, '2026-03', 'manual', 'SUCCEEDED', billed.startDate, '2 companies: 1 invoiced, 0 skipped, 1 failed'],
    ]);
  });
});

describe('describeBillingRun', () => {
  it('says the held run did nothing, names the holder, and lists the month as recorded now', () => {
    const detail: BillingRunDetail = { ...held, companies: [{ empresaId: '1', cnpj: '10000001000106', status: 'invoiced', totalCentavos: 15300, invoiceId: '01KGB7ZK00A8W3Q1X9D2M5R7TB', nfseNumber: '17', executionArn: billed.executionArn }] };

    expect(describeBillingRun(detail).split('\n')).toEqual([
      `run ${held.runId}: 2026-03, scheduled, SUCCEEDED — held by manual-2026-03-1: did nothing`,
      `execution ${held.executionArn}`,
      `the month was held by ${billed.executionArn} (nfse billing show manual-2026-03-1); its companies as recorded now:`,
      '',
      'EMPRESA  CNPJ            STATUS    TOTAL   INVOICE                     NFS-E  ERROR',
      '1        10000001000106  invoiced  153.00  01KGB7ZK00A8W3Q1X9D2M5R7TB  17',
    ]);
  });

  it('shows a run that billed its month with its summary and no holder', () => {
    expect(describeBillingRun({ ...billed, companies: [] }).split('\n')).toEqual([
      `run ${billed.runId}: 2026-03, manual, SUCCEEDED — 2 companies: 1 invoiced, 0 skipped, 1 failed`,
      `execution ${billed.executionArn}`,
      '',
      'EMPRESA  CNPJ  STATUS  TOTAL  INVOICE  NFS-E  ERROR',
    ]);
  });
});
