import { useState, type ReactElement } from 'react';
import type { InvoiceSummary, ListInvoicesResponse } from '../../../contracts/listInvoices';
import { api, queryOf } from '../api/apiClient';
import { toCsv } from '../app/csv';
import { downloadText } from '../app/download';

/** Pages read at most for one export (100 invoices each): a larger one is narrowed by dates first. */
const MAX_PAGES = 50;
const HEADER = ['invoiceId', 'companyCnpj', 'municipalityCode', 'total', 'status', 'createdAt', 'processedAt', 'nfseNumber', 'errorCode', 'errorMessage'] as const;

/** "Export CSV": every invoice the filters select (all pages, not just the one shown), as the API gives them: UTC times, totals as decimals. */
export function CsvExport(props: { readonly applied: Readonly<Record<string, string>> }): ReactElement {
  const [state, setState] = useState<{ readonly busy: boolean; readonly note?: string }>({ busy: false });
  const run = async (): Promise<void> => {
    setState({ busy: true });
    try {
      const items: InvoiceSummary[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await api<ListInvoicesResponse>('GET', `/invoices${queryOf({ ...props.applied, limit: 100, nextToken })}`);
        items.push(...page.items);
        nextToken = page.nextToken;
        pages += 1;
      } while (nextToken !== undefined && pages < MAX_PAGES);
      const rows = items.map((invoice) => HEADER.map((column) => invoice[column]));
      downloadText(`invoices-${props.applied.companyCnpj ?? 'all'}.csv`, toCsv(HEADER, rows), 'text/csv;charset=utf-8');
      setState({ busy: false, note: nextToken !== undefined ? `Exported the newest ${items.length} invoices: narrow the dates for the rest.` : `Exported ${items.length} invoice(s).` });
    } catch (error) {
      setState({ busy: false, note: `Export failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void run()} disabled={state.busy}>
        {state.busy ? 'Exporting…' : 'Export CSV'}
      </button>
      <span className="muted" role="status" data-testid="csv-result">
        {state.note}
      </span>
    </>
  );
}
