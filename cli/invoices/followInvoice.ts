import { Command, Option } from 'commander';
import type { InvoiceView } from '../../contracts/apiResponses';
import type { InvoiceHistory } from '../../contracts/invoiceHistory';
import { IN_FLIGHT_STATUSES, type InvoiceStatus } from '../../contracts/invoiceStatus';
import type { ApiClient } from '../ApiClient';
import { parseDuration } from '../parseDuration';
import { pollUntil } from '../pollUntil';
import { printResult } from '../printResult';
import { describeInvoice } from './describeInvoice';
import { describeReading, waitForInvoice, type InvoiceReading } from './waitForInvoice';

/** The options `--wait` and `--timeout` of the invoice commands (and `--json`). */
export interface FollowOptions {
  readonly wait?: boolean;
  /** Seconds. */
  readonly timeout: number;
  readonly json?: boolean;
}

/** Adds `--wait` and `--timeout` to an invoice command. */
export function withFollowOptions(command: Command, waitsFor: string): Command {
  return command
    .option('--wait', `wait until ${waitsFor}, printing each status on stderr as it changes`)
    .addOption(new Option('--timeout <duration>', 'with --wait: give up (exit 1) after this long, e.g. 90s, 10m').argParser(parseDuration).default(300, '5m'));
}

function tellStatus(invoiceId: string, status: string): void {
  process.stderr.write(`invoice ${invoiceId} ${status}\n`);
}

/** What the invoice's running execution is doing, from its history (every page: the running one is the newest). */
async function runningActivity(client: ApiClient, invoiceId: string): Promise<string | undefined> {
  let activity: string | undefined;
  let nextToken: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '25', ...(nextToken !== undefined ? { nextToken } : {}) });
    const page = await client.request<InvoiceHistory>('GET', `/invoices/${encodeURIComponent(invoiceId)}/history?${query.toString()}`);
    activity = page.executions.find((execution) => execution.status === 'RUNNING')?.activity?.description ?? activity;
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return activity;
}

/** The invoice and, while a workflow moves it, what its execution is doing. */
async function readProgress(client: ApiClient, invoiceId: string): Promise<InvoiceReading> {
  const invoice = await client.request<InvoiceView>('GET', `/invoices/${encodeURIComponent(invoiceId)}`);
  if (!IN_FLIGHT_STATUSES.has(invoice.status)) return { invoice };
  const activity = await runningActivity(client, invoiceId);
  if (activity !== undefined) return { invoice, activity };
  // No execution runs any more: it ended between the two reads, and the invoice has moved on since.
  return { invoice: await client.request<InvoiceView>('GET', `/invoices/${encodeURIComponent(invoiceId)}`) };
}

/**
 * Reads the invoice until no workflow is moving it, telling stderr each status it passes through
 * and each state its execution enters on the way (a city call, a retry, a wait, a consultation).
 */
export async function followInvoice(client: ApiClient, invoiceId: string, timeoutSeconds: number): Promise<InvoiceView> {
  const last = await waitForInvoice(() => readProgress(client, invoiceId), {
    timeoutSeconds,
    onChange: (reading) => tellStatus(reading.invoice.invoiceId, describeReading(reading)),
  });
  return last.invoice;
}

/**
 * Follows the execution a command just started for the invoice (a cancellation) until it has
 * stopped, telling stderr each status that execution gives the invoice (or, before its first
 * state ran, the status the invoice has), then reads the invoice. The invoice alone cannot tell:
 * it is still ISSUED until the execution's first state runs, and ISSUED again after a refusal.
 */
export async function followExecution(client: ApiClient, invoiceId: string, executionArn: string, timeoutSeconds: number): Promise<InvoiceView> {
  const name = executionArn.slice(executionArn.lastIndexOf(':') + 1);
  const ours = (history: InvoiceHistory): InvoiceHistory['statuses'] => history.statuses.filter((change) => change.executionName === name);
  let told = 0;
  const tellNew = (history: InvoiceHistory): void => {
    const changes = ours(history);
    if (changes.length === 0) tellStatus(invoiceId, history.statuses[history.statuses.length - 1]?.status ?? '');
    for (; told < changes.length; told++) tellStatus(invoiceId, changes[told]?.status ?? '');
  };
  await pollUntil(
    {
      read: () => client.call(client.api.GET('/invoices/{id}/history', { params: { path: { id: invoiceId } } })),
      done: (history) => history.executions.some((e) => e.executionArn === executionArn && e.status !== 'RUNNING'),
      keyOf: (history) => String(ours(history).length),
      timedOut: () => new Error(`${executionArn} is still running after ${timeoutSeconds} s; follow it with: nfse get ${invoiceId} --wait`),
      defaultPollMs: 500,
    },
    { timeoutSeconds, onChange: tellNew },
  );
  return client.call(client.api.GET('/invoices/{id}', { params: { path: { id: invoiceId } } }));
}

/** Prints the invoice a wait ended with; exit code 1 unless it reached `wanted`. */
export function printFollowed(invoice: InvoiceView, options: FollowOptions, wanted: InvoiceStatus): void {
  printResult(options.json === true, invoice, () => describeInvoice(invoice));
  if (invoice.status !== wanted) process.exitCode = 1;
}
