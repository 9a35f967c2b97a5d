import { useState, type ReactElement } from 'react';
import type { DismissFailureResponse, FailureEntry } from '../../../contracts/ops';
import { api } from '../api/apiClient';
import { ConfirmButton } from '../components/ConfirmButton';

/** A row's "Dismiss…": takes the invoice's failures off the queue with a reason, which its history keeps. */
export function DismissButton(props: { readonly entry: FailureEntry; readonly onDone: () => void }): ReactElement {
  const { invoiceId } = props.entry;
  const [reason, setReason] = useState('');
  const fieldId = `dismiss-reason-${invoiceId}`;
  return (
    <ConfirmButton
      label="Dismiss…"
      ariaLabel={`Dismiss invoice ${invoiceId}`}
      quiet
      title={`Dismiss the failure of invoice ${invoiceId}?`}
      description="It leaves the queue and nothing more is done for it. The reason, and who gave it, are kept in the invoice's history."
      confirmLabel="Dismiss"
      danger
      confirmDisabled={reason.trim() === ''}
      onOpen={() => setReason('')}
      onConfirm={async () => {
        await api<DismissFailureResponse>('POST', `/ops/failures/${encodeURIComponent(invoiceId)}/dismiss`, { reason: reason.trim() });
        props.onDone();
      }}
    >
      <div className="field">
        <label htmlFor={fieldId}>Reason</label>
        <textarea id={fieldId} value={reason} onChange={(event) => setReason(event.target.value)} rows={3} maxLength={500} required />
      </div>
    </ConfirmButton>
  );
}
