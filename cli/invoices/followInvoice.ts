import { Command, Option } from 'commander';
import type { InvoiceView } from '../../contracts/apiResponses';
import type { ApiClient } from '../ApiClient';
import { parseDuration } from '../parseDuration';
import { waitForInvoice } from './waitForInvoice';

/** The options `--wait` and `--timeout` of the invoice commands. */
export interface FollowOptions {
  readonly wait?: boolean;
  /** Seconds. */
  readonly timeout: number;
}

/** Adds `--wait` and `--timeout` to an invoice command. */
export function withFollowOptions(command: Command, waitsFor: string): Command {
  return command
    .option('--wait', `wait until ${waitsFor}, printing each status on stderr as it changes`)
    .addOption(new Option('--timeout <duration>', 'with --wait: give up (exit 1) after this long, e.g. 90s, 10m').argParser(parseDuration).default(300, '5m'));
}

/** Reads the invoice until no workflow is moving it, telling stderr each status it passes through. */
export function followInvoice(client: ApiClient, invoiceId: string, timeoutSeconds: number): Promise<InvoiceView> {
  return waitForInvoice(() => client.request<InvoiceView>('GET', `/invoices/${encodeURIComponent(invoiceId)}`), {
    timeoutSeconds,
    onChange: (invoice) => process.stderr.write(`invoice ${invoice.invoiceId} ${invoice.status}\n`),
  });
}
