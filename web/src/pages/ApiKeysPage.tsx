import { useState, type FormEvent, type ReactElement } from 'react';
import type { ApiKeyView, CreatedApiKey, CreateApiKeyRequest, ListApiKeysResponse } from '../../../contracts/apiKey';
import type { UsageView } from '../../../contracts/usage';
import { ApiError } from '../api/ApiError';
import { api } from '../api/apiClient';
import { useCaller } from '../app/CallerContext';
import { useApi } from '../app/useApi';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorBanner } from '../components/ErrorBanner';

/** `/api-keys`: this console key's usage this month, and (admins, ops) the tenant's keys: create, copy once, revoke. */
export function ApiKeysPage(): ReactElement {
  const caller = useCaller();
  const manages = caller.role === 'admin' || caller.role === 'ops';
  return (
    <section>
      <h1>API keys and usage</h1>
      <UsagePanel />
      {manages ? <TenantKeys /> : <p className="muted">A tenant&apos;s administrators create and revoke the API keys of its client applications.</p>}
    </section>
  );
}

function UsagePanel(): ReactElement {
  const usage = useApi('usage', () => api<UsageView>('GET', '/usage'));
  const data = usage.data;
  return (
    <div className="card" data-testid="usage">
      <h2>This month{data !== undefined ? ` (${data.month})` : ''}</h2>
      <ErrorBanner error={usage.error} onRetry={usage.reload} />
      {data !== undefined && (
        <dl className="fields">
          <dt>Key</dt>
          <dd>
            {data.apiKey.name} <span className="mono muted">{data.apiKey.prefix}…</span> on the {data.plan.name} plan ({data.plan.rateLimit}/s, bursts of {data.plan.burstLimit})
          </dd>
          <dt>Requests</dt>
          <dd data-testid="usage-requests">
            {data.requests.used.toLocaleString('en')} of {data.requests.quota.toLocaleString('en')} ({data.requests.remaining.toLocaleString('en')} left)
          </dd>
          <dt>Invoices emitted</dt>
          <dd data-testid="usage-invoices">{data.invoices.emitted.toLocaleString('en')}</dd>
        </dl>
      )}
    </div>
  );
}

function TenantKeys(): ReactElement {
  const list = useApi('api-keys', () => api<ListApiKeysResponse>('GET', '/api-keys'));
  const [created, setCreated] = useState<CreatedApiKey | undefined>(undefined);
  const [revoked, setRevoked] = useState<string | undefined>(undefined);
  const items = list.data?.items ?? [];
  return (
    <>
      <CreateKeyForm
        onCreated={(key) => {
          setCreated(key);
          setRevoked(undefined);
          list.reload();
        }}
      />
      {created !== undefined && <CreatedKey apiKey={created} onDone={() => setCreated(undefined)} />}
      {revoked !== undefined && (
        <div className="banner banner-ok" role="status">
          API key {revoked} revoked: the API refuses it from now on.
        </div>
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      <div className="table-wrap">
        <table className="table" data-testid="api-keys-table">
          <caption className="visually-hidden">The tenant&apos;s API keys, one per client application</caption>
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col">Plan</th>
              <th scope="col">Key</th>
              <th scope="col">Companies</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((key: ApiKeyView) => (
              <tr key={key.id} data-testid={`api-key-${key.name}`}>
                <td>{key.name}</td>
                <td>{key.plan}</td>
                <td className="mono">{key.prefix}…</td>
                <td className="mono">{key.cnpjs.join(' ')}</td>
                <td>{key.createdAt.slice(0, 10)}</td>
                <td>
                  <ConfirmButton
                    label={`Revoke ${key.name}`}
                    title={`Revoke the key of ${key.name}?`}
                    description={`Requests with the key ${key.prefix}… will be refused with 403 from now on. This cannot be undone: ${key.name} will need a new key.`}
                    confirmLabel="Revoke"
                    danger
                    onConfirm={async () => {
                      await api('DELETE', `/api-keys/${encodeURIComponent(key.id)}`);
                      setRevoked(key.id);
                      setCreated(undefined);
                      list.reload();
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data !== undefined && items.length === 0 && <p className="empty">No API keys yet.</p>}
      </div>
    </>
  );
}

function CreateKeyForm(props: { readonly onCreated: (key: CreatedApiKey) => void }): ReactElement {
  const [name, setName] = useState('');
  const [plan, setPlan] = useState<CreateApiKeyRequest['plan']>('starter');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const nameError = error instanceof ApiError ? error.fields.find((f) => f.field === 'name')?.message : undefined;
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const request: CreateApiKeyRequest = { name, plan };
      props.onCreated(await api<CreatedApiKey>('POST', '/api-keys', request));
      setName('');
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label="Create an API key">
      <h2>New key for a client application</h2>
      <ErrorBanner error={error} />
      <div className="field">
        <label htmlFor="api-key-name">Application</label>
        <input id="api-key-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} {...(nameError !== undefined ? { 'aria-invalid': true, 'aria-describedby': 'api-key-name-error' } : {})} />
        {nameError !== undefined && (
          <span className="field-error" id="api-key-name-error">
            {nameError}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="api-key-plan">Plan</label>
        <select id="api-key-plan" value={plan} onChange={(e) => setPlan(e.target.value === 'business' ? 'business' : 'starter')}>
          <option value="starter">starter: 5/s, 10,000 a month</option>
          <option value="business">business: 50/s, 200,000 a month</option>
        </select>
      </div>
      <div>
        <button type="submit" className="button button-primary" disabled={busy || name === ''}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}

/** The value, shown this once, with a copy button. */
function CreatedKey(props: { readonly apiKey: CreatedApiKey; readonly onDone: () => void }): ReactElement {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>(undefined);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(props.apiKey.value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="card" role="status" data-testid="created-key">
      <h2>Key for {props.apiKey.name}</h2>
      <p>Copy it now: this is the only time it is shown. The application sends it as <code>x-api-key</code>.</p>
      <p>
        <code className="mono" data-testid="created-key-value">
          {props.apiKey.value}
        </code>
      </p>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button" onClick={props.onDone}>
          Done
        </button>
      </div>
      {copied === 'failed' && <p className="field-error">The browser did not let the page copy: select the key and copy it.</p>}
    </div>
  );
}
