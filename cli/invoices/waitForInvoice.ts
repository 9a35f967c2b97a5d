import type { InvoiceView } from '../../contracts/apiResponses';
import { IN_FLIGHT_STATUSES } from '../../contracts/invoiceStatus';
import { pollUntil, type PollOptions } from '../pollUntil';

/** The invoice was still in flight when the wait ran out. */
export class InvoiceStillInFlightError extends Error {
  public constructor(
    public readonly invoice: InvoiceView,
    timeoutSeconds: number,
  ) {
    super(`invoice ${invoice.invoiceId} is still ${invoice.status} after ${timeoutSeconds} s; follow it with: nfse get ${invoice.invoiceId} --wait`);
    this.name = 'InvoiceStillInFlightError';
  }
}

/**
 * Reads the invoice until no workflow is moving it any more (ISSUED, FAILED or CANCELLED), every
 * 500 ms by default, telling `onChange` each status it passes through.
 */
export function waitForInvoice(read: () => Promise<InvoiceView>, options: PollOptions<InvoiceView>): Promise<InvoiceView> {
  return pollUntil(
    {
      read,
      done: (invoice) => !IN_FLIGHT_STATUSES.has(invoice.status),
      keyOf: (invoice) => invoice.status,
      timedOut: (last) => new InvoiceStillInFlightError(last, options.timeoutSeconds),
      defaultPollMs: 500,
    },
    options,
  );
}
