import type { InvoiceView } from '../../../contracts/apiResponses';
import type { InvoiceStatus } from '../../../contracts/invoiceStatus';
import { InvoiceStillInFlightError, waitForInvoice } from '../../../cli/invoices/waitForInvoice';

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
  function reads(...statuses: InvoiceStatus[]): () => Promise<InvoiceView> {
    let i = 0;
    return async () => view(statuses[Math.min(i++, statuses.length - 1)] as InvoiceStatus);
  }

  it('reads until no workflow moves the invoice, telling each status once', async () => {
    const seen: string[] = [];

    const invoice = await waitForInvoice(reads('EMITTED', 'PROCESSING', 'PROCESSING', 'ISSUED'), { timeoutSeconds: 60, pollMs: 100, ...timing, onChange: (i) => seen.push(i.status) });

    expect(invoice.status).toBe('ISSUED');
    expect(seen).toEqual(['EMITTED', 'PROCESSING', 'ISSUED']);
    expect(slept).toEqual([100, 100, 100]);
  });

  it('stops at FAILED and at CANCELLED as at ISSUED', async () => {
    expect((await waitForInvoice(reads('PROCESSING', 'FAILED'), { timeoutSeconds: 60, ...timing })).status).toBe('FAILED');
    expect((await waitForInvoice(reads('CANCELLING', 'CANCELLED'), { timeoutSeconds: 60, ...timing })).status).toBe('CANCELLED');
  });

  it('gives up after the timeout, saying where the invoice is and how to follow it', async () => {
    const waiting = waitForInvoice(reads('PROCESSING'), { timeoutSeconds: 2, pollMs: 500, ...timing });

    await expect(waiting).rejects.toThrow(InvoiceStillInFlightError);
    await expect(waiting).rejects.toThrow('invoice 01ARZ3NDEKTSV4RRFFQ69G5FAV is still PROCESSING after 2 s; follow it with: nfse get 01ARZ3NDEKTSV4RRFFQ69G5FAV --wait');
    expect(slept).toEqual([500, 500, 500, 500]);
  });
});
