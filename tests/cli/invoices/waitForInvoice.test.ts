import type { InvoiceView } from '../../../contracts/apiResponses';
import type { InvoiceStatus } from '../../../contracts/invoiceStatus';
import { describeReading, InvoiceStillInFlightError, waitForInvoice, type InvoiceReading } from '../../../cli/invoices/waitForInvoice';

function view(status: InvoiceStatus): InvoiceView {
  return { invoiceId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', status } as InvoiceView;
}

describe('waitForInvoice', () => {
  let clock: number;
  let slept: number[];
  const timing = { now: () => clock, sleep: async (ms: number) => void (slept.push(ms), (clock += ms)) };

  beforeEach(() => {
    clock = 0;
    slept = [];
  });

  /** Answers these statuses, one read after another (the last one from then on). */
  function reads(...statuses: InvoiceStatus[]): () => Promise<InvoiceReading> {
    let i = 0;
    return async () => ({ invoice: view(statuses[Math.min(i++, statuses.length - 1)] as InvoiceStatus) });
  }

  it('reads until no workflow moves the invoice, telling each status once', async () => {
    const seen: string[] = [];

    const { invoice } = await waitForInvoice(reads('EMITTED', 'PROCESSING', 'PROCESSING', 'ISSUED'), { timeoutSeconds: 60, pollMs: 100, ...timing, onChange: (r) => seen.push(r.invoice.status) });

    expect(invoice.status).toBe('ISSUED');
    expect(seen).toEqual(['EMITTED', 'PROCESSING', 'ISSUED']);
    expect(slept).toEqual([100, 100, 100]);
  });

  it('stops at FAILED and at CANCELLED as at ISSUED', async () => {
    expect((await waitForInvoice(reads('PROCESSING', 'FAILED'), { timeoutSeconds: 60, ...timing })).invoice.status).toBe('FAILED');
    expect((await waitForInvoice(reads('CANCELLING', 'CANCELLED'), { timeoutSeconds: 60, ...timing })).invoice.status).toBe('CANCELLED');
  });

  it('tells each thing the execution does while the status stays the same', async () => {
    const readings: InvoiceReading[] = [
      { invoice: view('PROCESSING'), activity: 'RequestIssuance: waiting for the city' },
      { invoice: view('PROCESSING'), activity: 'RequestIssuance: failed with Provider.Transient, retry 1 of 5 next' },
      { invoice: view('PROCESSING'), activity: 'RequestIssuance: failed with Provider.Transient, retry 1 of 5 next' },
      { invoice: view('PROCESSING'), activity: 'RequestIssuance: waiting for the city (retry 1 of 5, after Provider.Transient)' },
      { invoice: view('ISSUED') },
    ];
    let i = 0;
    const seen: string[] = [];

    await waitForInvoice(async () => readings[i++] as InvoiceReading, { timeoutSeconds: 60, ...timing, onChange: (r) => seen.push(describeReading(r)) });

    expect(seen).toEqual([
      'PROCESSING: RequestIssuance: waiting for the city',
      'PROCESSING: RequestIssuance: failed with Provider.Transient, retry 1 of 5 next',
      'PROCESSING: RequestIssuance: waiting for the city (retry 1 of 5, after Provider.Transient)',
      'ISSUED',
    ]);
  });

  it('gives up after the timeout, saying where the invoice is and how to follow it', async () => {
    const waiting = waitForInvoice(reads('PROCESSING'), { timeoutSeconds: 2, pollMs: 500, ...timing });

    await expect(waiting).rejects.toThrow(InvoiceStillInFlightError);
    await expect(waiting).rejects.toThrow('invoice 01ARZ3NDEKTSV4RRFFQ69G5FAV is still PROCESSING after 2 s; follow it with: nfse get 01ARZ3NDEKTSV4RRFFQ69G5FAV --wait');
    expect(slept).toEqual([500, 500, 500, 500]);
  });
});
