import { setTimeout as sleep } from 'node:timers/promises';
import type { InvoiceView } from '../../contracts/apiResponses';
import { IN_FLIGHT_STATUSES } from '../../contracts/invoiceStatus';

/** How {@link waitForInvoice} waits. */
export interface InvoiceWaitOptions {
  /** Gives up after this long. */
  readonly timeoutSeconds: number;
  /** @default 500 */
  readonly pollMs?: number;
  /** Told each status the invoice passes through (the first one too). */
  readonly onStatus?: (invoice: InvoiceView) => void;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default node:timers/promises setTimeout */
  readonly sleep?: (ms: number) => Promise<unknown>;
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

/** Reads the invoice until no workflow is moving it any more (ISSUED, FAILED or CANCELLED). */
export async function waitForInvoice(read: () => Promise<InvoiceView>, options: InvoiceWaitOptions): Promise<InvoiceView> {
  const now = options.now ?? Date.now;
  const pause = options.sleep ?? sleep;
  const deadline = now() + options.timeoutSeconds * 1000;
  let shown: string | undefined;
  for (;;) {
    const invoice = await read();
    if (invoice.status !== shown) {
      shown = invoice.status;
      options.onStatus?.(invoice);
    }
    if (!IN_FLIGHT_STATUSES.has(invoice.status)) return invoice;
    if (now() >= deadline) throw new InvoiceStillInFlightError(invoice, options.timeoutSeconds);
    await pause(options.pollMs ?? 500);
  }
}
