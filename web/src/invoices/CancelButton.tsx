import { useState, type ReactElement } from 'react';
import type { CancelInvoiceResponse } from '../../../contracts/apiResponses';
import type { MunicipalityView } from '../../../contracts/municipalityView';
import { api } from '../api/apiClient';
import { ConfirmButton } from '../components/ConfirmButton';

/** The ABRASF and national meanings of the codes a city takes (its registry entry lists which). */
const REASONS: Readonly<Record<number, string>> = {
  1: 'Erro na emissão',
  2: 'Serviço não prestado',
  3: 'Erro de assinatura',
  4: 'Duplicidade da nota',
  5: 'Erro de processamento',
  9: 'Outros',
};

/**
 * "Cancel invoice…" on an ISSUED invoice (clients, admins and ops: the route's roles): the reason
 * codes its city takes, and a reason of the length the city wants, then `POST /invoices/{id}/cancel`.
 */
export function CancelButton(props: { readonly invoiceId: string; readonly municipalityCode: string; readonly onStarted: () => void }): ReactElement {
  const [city, setCity] = useState<MunicipalityView | undefined>(undefined);
  const [cityError, setCityError] = useState<Error | undefined>(undefined);
  const [reasonCode, setReasonCode] = useState('');
  const [reason, setReason] = useState('');
  const codes = city?.capabilities.cancellation.reasonCodes ?? [];
  const text = city?.capabilities.cancellation.reasonText;
  const reasonOk = text === undefined || (reason.trim().length >= text.minLength && reason.trim().length <= text.maxLength);
  return (
    <ConfirmButton
      label="Cancel invoice…"
      title={`Cancel invoice ${props.invoiceId}?`}
      description="The city is asked to cancel its NFS-e. While it answers the invoice is CANCELLING; if the city refuses, it stays ISSUED and the page shows the city's reason."
      confirmLabel="Ask the city to cancel"
      danger
      confirmDisabled={reasonCode === '' || !reasonOk}
      onOpen={() => {
        setReasonCode('');
        setReason('');
        setCityError(undefined);
        api<MunicipalityView>('GET', `/municipalities/${encodeURIComponent(props.municipalityCode)}`).then(setCity, (error: unknown) => setCityError(error instanceof Error ? error : new Error(String(error))));
      }}
      onConfirm={async () => {
        await api<CancelInvoiceResponse>('POST', `/invoices/${encodeURIComponent(props.invoiceId)}/cancel`, { reasonCode: Number(reasonCode), ...(reason.trim() !== '' ? { reason: reason.trim() } : {}) });
        props.onStarted();
      }}
    >
      {cityError !== undefined && <p className="field-error">The city's reason codes cannot be read: {cityError.message}</p>}
      <div className="form">
        <div className="field">
          <label htmlFor="cancel-reason-code">Reason code</label>
          <select id="cancel-reason-code" value={reasonCode} onChange={(e) => setReasonCode(e.target.value)} required disabled={city === undefined}>
            <option value="">{city === undefined ? 'Loading the city’s codes…' : 'Choose one'}</option>
            {codes.map((code) => (
              <option key={code} value={String(code)}>
                {code} — {REASONS[code] ?? 'code of the city'}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cancel-reason">Reason{text !== undefined ? ` (${text.minLength} to ${text.maxLength} characters, required by the city)` : ' (optional)'}</label>
          <textarea id="cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={text?.maxLength ?? 255} />
        </div>
      </div>
    </ConfirmButton>
  );
}
