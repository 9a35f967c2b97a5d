import { useState, type FormEvent, type ReactElement } from 'react';
import { ApiError } from '../api/ApiError';
import { settle, typedApi } from '../api/typedClient';
import { Link, navigate } from '../app/router';
import { ErrorBanner } from '../components/ErrorBanner';
import { billMonthRequest, fieldMessage, previousMonthInSaoPaulo, runningRunOf, type BillMonthValues } from './billMonthRequest';

const FIELDS = [
  { name: 'competencia', label: 'Competência', placeholder: 'YYYY-MM', hint: undefined },
  { name: 'empresaIds', label: 'Companies (optional)', placeholder: 'e.g. 3, 17', hint: 'The usage platform’s ids; empty bills every company of the month.' },
] as const;

/**
 * "Bill a month": `POST /billing/runs` as `nfse billing run` sends it, then the new run's page. A
 * 400 puts the API's message beside the field it names; a 409 links to the run of the month that
 * is running.
 */
export function BillMonthForm(props: { readonly now?: () => Date }): ReactElement {
  const [values, setValues] = useState<BillMonthValues>(() => ({ competencia: previousMonthInSaoPaulo((props.now ?? (() => new Date()))()), empresaIds: '' }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const fields = error instanceof ApiError && error.status === 400 ? error.fields : [];
  const running = error instanceof ApiError && error.status === 409 ? runningRunOf(error.executionArn) : undefined;
  // Field messages sit beside their fields; the banner keeps the rest (and the message of a 400 without fields).
  const placed = FIELDS.some((f) => fieldMessage(fields, f.name) !== undefined);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const started = await settle(typedApi().POST('/billing/runs', { body: billMonthRequest(values) }));
      navigate(`/billing/runs/${encodeURIComponent(started.runId)}`);
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="filters card" onSubmit={(event) => void submit(event)} aria-label="Bill a month" noValidate>
      {FIELDS.map((f) => {
        const message = fieldMessage(fields, f.name);
        const id = `bill-${f.name}`;
        const describedBy = [message !== undefined ? `${id}-error` : '', f.hint !== undefined ? `${id}-hint` : ''].filter((part) => part !== '').join(' ');
        return (
          <div className="field" key={f.name}>
            <label htmlFor={id}>{f.label}</label>
            <input
              id={id}
              name={f.name}
              value={values[f.name]}
              placeholder={f.placeholder}
              spellCheck={false}
              autoComplete="off"
              required={f.name === 'competencia'}
              aria-invalid={message !== undefined ? true : undefined}
              aria-describedby={describedBy === '' ? undefined : describedBy}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            />
            {f.hint !== undefined && (
              <span className="muted" id={`${id}-hint`}>
                {f.hint}
              </span>
            )}
            {message !== undefined && (
              <span className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
                {message}
              </span>
            )}
          </div>
        );
      })}
      <div className="field field-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Starting…' : 'Bill the month'}
        </button>
      </div>
      {running !== undefined ? (
        <div className="banner banner-bad" role="alert" data-testid="bill-conflict">
          <strong>A run of this month is running.</strong> Wait for it, or follow it: <Link to={`/billing/runs/${encodeURIComponent(running.runId)}`}>{running.runId}</Link>
        </div>
      ) : (
        !placed && <ErrorBanner error={error} />
      )}
    </form>
  );
}
