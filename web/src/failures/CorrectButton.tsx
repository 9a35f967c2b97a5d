import { useState, type ReactElement } from 'react';
import type { InvoiceView } from '../../../contracts/apiResponses';
import type { CorrectedInvoice, FailureEntry, InvoiceCorrection } from '../../../contracts/ops';
import { api } from '../api/apiClient';
import { ConfirmButton } from '../components/ConfirmButton';

/** The fields the dialog edits, as text. */
interface Draft {
  readonly municipalityCode: string;
  readonly total: string;
  readonly serviceDescription: string;
  readonly tomadorName: string;
  readonly tomadorDocument: string;
  readonly reason: string;
}

const EMPTY: Draft = { municipalityCode: '', total: '', serviceDescription: '', tomadorName: '', tomadorDocument: '', reason: '' };

function draftOf(invoice: InvoiceView): Draft {
  return { municipalityCode: invoice.municipalityCode, total: invoice.total, serviceDescription: invoice.service.description, tomadorName: invoice.tomador.name, tomadorDocument: invoice.tomador.document, reason: '' };
}

/** What changed, as the correction contract takes it: whole `service` and `tomador` objects when any of their fields did. */
function changesOf(invoice: InvoiceView, draft: Draft): InvoiceCorrection {
  const service = draft.serviceDescription !== invoice.service.description ? { ...invoice.service, description: draft.serviceDescription } : undefined;
  const tomadorChanged = draft.tomadorName !== invoice.tomador.name || draft.tomadorDocument !== invoice.tomador.document;
  return {
    ...(draft.municipalityCode !== invoice.municipalityCode ? { municipalityCode: draft.municipalityCode } : {}),
    ...(draft.total !== invoice.total ? { total: draft.total } : {}),
    ...(service !== undefined ? { service } : {}),
    ...(tomadorChanged ? { tomador: { ...invoice.tomador, name: draft.tomadorName, document: draft.tomadorDocument } } : {}),
  };
}

/**
 * A row's "Correct…" (only for a permanent error): edit the fields the city refused and re-emit
 * the invoice under a new RPS number; the old one is kept as replaced, never sent again. The
 * fields stay disabled until the invoice is read: what was typed before would be overwritten by it.
 */
export function CorrectButton(props: { readonly entry: FailureEntry; readonly onDone: (corrected: CorrectedInvoice) => void }): ReactElement {
  const { invoiceId } = props.entry;
  const [invoice, setInvoice] = useState<InvoiceView | undefined>(undefined);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const changes = invoice !== undefined ? changesOf(invoice, draft) : {};
  const input = (key: keyof Draft, label: string, extra: Record<string, string> = {}): ReactElement => (
    <div className="field">
      <label htmlFor={`correct-${key}-${invoiceId}`}>{label}</label>
      <input id={`correct-${key}-${invoiceId}`} value={draft[key]} disabled={invoice === undefined} onChange={(event) => setDraft({ ...draft, [key]: event.target.value })} {...extra} />
    </div>
  );
  return (
    <ConfirmButton
      label="Correct…"
      ariaLabel={`Correct invoice ${invoiceId}`}
      quiet
      title={`Correct and re-emit invoice ${invoiceId}?`}
      description={`The city refused it (${props.entry.error.code}: ${props.entry.error.message}). Change what it refused: the invoice keeps its id and is emitted again under a new RPS number; the old one is kept as replaced and never sent again.`}
      confirmLabel="Correct and re-emit"
      confirmDisabled={invoice === undefined || draft.reason.trim() === '' || Object.keys(changes).length === 0}
      onOpen={() => {
        setInvoice(undefined);
        setLoadError(undefined);
        api<InvoiceView>('GET', `/invoices/${encodeURIComponent(invoiceId)}`).then(
          (loaded) => {
            setInvoice(loaded);
            setDraft(draftOf(loaded));
          },
          (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
        );
      }}
      onConfirm={async () => {
        props.onDone(await api<CorrectedInvoice>('POST', `/ops/invoices/${encodeURIComponent(invoiceId)}/correct`, { reason: draft.reason.trim(), changes }));
      }}
    >
      {loadError !== undefined && <p role="alert">{loadError}</p>}
      <div className="form">
        {input('municipalityCode', 'Municipality (IBGE)', { inputMode: 'numeric', pattern: '\\d{7}' })}
        {input('total', 'Total', { inputMode: 'decimal' })}
        {input('serviceDescription', 'Service description')}
        {input('tomadorName', 'Tomador name')}
        {input('tomadorDocument', 'Tomador CPF or CNPJ')}
        <div className="field">
          <label htmlFor={`correct-reason-${invoiceId}`}>Reason</label>
          <textarea id={`correct-reason-${invoiceId}`} value={draft.reason} disabled={invoice === undefined} onChange={(event) => setDraft({ ...draft, reason: event.target.value })} rows={2} maxLength={500} required />
        </div>
      </div>
    </ConfirmButton>
  );
}
