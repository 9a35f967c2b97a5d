import type { ReactElement } from 'react';
import type { ListWebhooksResponse } from '../../../contracts/webhookEndpoint';
import { api } from '../api/apiClient';
import { formatTime } from '../app/format';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { ErrorBanner } from '../components/ErrorBanner';

/** `/webhooks`: the endpoints of the caller's companies (registered with the API or `nfse webhooks add`). */
export function WebhooksPage(): ReactElement {
  const webhooks = useApi('webhooks', () => api<ListWebhooksResponse>('GET', '/webhooks'));
  const items = webhooks.data?.items ?? [];
  return (
    <section>
      <div className="title-row">
        <h1>Webhooks</h1>
        <button type="button" className="button" onClick={webhooks.reload}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={webhooks.error} onRetry={webhooks.reload} />
      {/* Focusable: on a phone the table scrolls sideways, and a keyboard must be able to scroll it. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Webhook endpoints">
        <table className="table" data-testid="webhooks-table">
          <caption className="visually-hidden">Webhook endpoints of your companies</caption>
          <thead>
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">Company</th>
              <th scope="col">Events</th>
              <th scope="col">Status</th>
              <th scope="col">Registered</th>
            </tr>
          </thead>
          <tbody>
            {items.map((endpoint) => (
              <tr key={endpoint.id} data-testid={`webhook-${endpoint.id}`}>
                <td>
                  <Link to={`/webhooks/${endpoint.id}`} className="mono">
                    {endpoint.url}
                  </Link>
                  {endpoint.description !== undefined && <div className="muted">{endpoint.description}</div>}
                </td>
                <td className="mono">{endpoint.companyCnpj}</td>
                <td>{endpoint.events.join(', ')}</td>
                <td>
                  <span className={`badge ${endpoint.status === 'enabled' ? (endpoint.failingSince !== undefined ? 'badge-warn' : 'badge-ok') : 'badge-bad'}`}>
                    {endpoint.status}
                    {endpoint.failingSince !== undefined && endpoint.status === 'enabled' && ', failing'}
                  </span>
                </td>
                <td>{formatTime(endpoint.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {webhooks.data !== undefined && items.length === 0 && <p className="empty">No webhooks yet: register one with POST /webhooks or `nfse webhooks add`.</p>}
      </div>
    </section>
  );
}
