import type { InvoiceView } from '../../contracts/apiResponses';
import { IN_FLIGHT_STATUSES } from '../../contracts/invoiceStatus';
import { pollUntil, type PollOptions } from '../pollUntil';

/** One reading of an invoice being followed: the invoice, and what the execution moving it is doing. */
export interface InvoiceReading {
  readonly invoice: InvoiceView;
  /** The running execution's activity in words (`RequestIssuance: waiting for the city`), while one runs. */
  readonly activity?: string;
}

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

/** `PROCESSING` or `PROCESSING: RequestIssuance: waiting for the city`. */
export function describeReading(reading: InvoiceReading): string {
  return `${reading.invoice.status}${reading.activity !== undefined ? `: ${reading.activity}` : ''}`;
}

/**
 * Reads the invoice until no workflow is moving it any more (ISSUED, FAILED or CANCELLED), every
 * 500 ms by default, telling `onChange` each status it passes through and each thing the
 * execution does on the way (a state entered, a retry, a wait for the city).
 */
export function waitForInvoice(read: () => Promise<InvoiceReading>, options: PollOptions<InvoiceReading>): Promise<InvoiceReading> {
  return pollUntil(
    {
      read,
      done: (reading) => !IN_FLIGHT_STATUSES.has(reading.invoice.status),
      keyOf: describeReading,
      timedOut: (last) => new InvoiceStillInFlightError(last.invoice, options.timeoutSeconds),
      defaultPollMs: 500,
    },
    options,
  );
}
