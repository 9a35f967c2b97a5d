import { useState, type ReactElement } from 'react';
import type { ListDeliveriesResponse, ReplayedDelivery, WebhookDelivery } from '../../../contracts/webhookDelivery';
import type { ListWebhooksResponse } from '../../../contracts/webhookEndpoint';
import { api } from '../api/apiClient';
import { useCaller } from '../app/CallerContext';
import { executionPath, formatTime } from '../app/format';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorBanner } from '../components/ErrorBanner';

const STATUS_BADGE: Readonly<Record<WebhookDelivery['status'], string>> = { delivered: 'badge-ok', failed: 'badge-bad', pending: 'badge-busy' };

/**
 * `/webhooks/{id}`: an endpoint's latest deliveries, each with every attempt (status, time, why it
 * failed), and a replay button: the same payload and `webhook-id` again. Admins and ops replay;
 * viewers read. Refreshes every 5 s while a delivery is pending.
 */
export function WebhookDetailPage(props: { readonly endpointId: string }): ReactElement {
  const caller = useCaller();
  const canReplay = caller.role === 'admin' || caller.role === 'ops';
  const endpoints = useApi('webhooks', () => api<ListWebhooksResponse>('GET', '/webhooks'));
  const deliveries = useApi(`deliveries:${props.endpointId}`, () => api<ListDeliveriesResponse>('GET', `/webhooks/${encodeURIComponent(props.endpointId)}/deliveries`), {
    pollMs: 5000,
    keepPolling: (data) => data.items.some((item) => item.status === 'pending'),
  });
  const [replayed, setReplayed] = useState<ReplayedDelivery | undefined>(undefined);
  const endpoint = endpoints.data?.items.find((item) => item.id === props.endpointId);
  const items = deliveries.data?.items ?? [];

  const replay = async (deliveryId: string): Promise<void> => {
    setReplayed(await api<ReplayedDelivery>('POST', `/webhooks/deliveries/${encodeURIComponent(deliveryId)}/replay`));
    deliveries.reload();
  };

  return (
    <section>
      <p>
        <Link to="/webhooks">← Webhooks</Link>
      </p>
      <div className="title-row">
        <h1 className="mono">{endpoint?.url ?? props.endpointId}</h1>
        <button type="button" className="button" onClick={deliveries.reload}>
          Refresh
        </button>
      </div>
      {endpoint !== undefined && (
        <dl className="fields" data-testid="webhook-endpoint">
          <dt>Company</dt>
          <dd className="mono">{endpoint.companyCnpj}</dd>
          <dt>Events</dt>
          <dd>{endpoint.events.join(', ')}</dd>
          <dt>Status</dt>
          <dd>
            {endpoint.status}
            {endpoint.failingSince !== undefined && ` (failing since ${formatTime(endpoint.failingSince)})`}
          </dd>
        </dl>
      )}
      {replayed !== undefined && (
        <div className="banner banner-ok" role="status" data-testid="replay-result">
          Replaying {replayed.deliveryId}: <Link to={executionPath(replayed.executionArn)}>its execution</Link>.
        </div>
      )}
      <ErrorBanner error={deliveries.error ?? endpoints.error} onRetry={deliveries.reload} />
      {/* Focusable: on a phone the table scrolls sideways, and a keyboard must be able to scroll it. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Deliveries">
        <table className="table" data-testid="deliveries-table">
          <caption className="visually-hidden">Deliveries to this endpoint, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Created</th>
              {canReplay && (
                <th scope="col">
                  <span className="visually-hidden">Replay</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((delivery) => (
              <tr key={delivery.id} data-testid={`delivery-${delivery.webhookId}`}>
                <td>
                  {delivery.type}
                  <div className="muted mono">{delivery.webhookId}</div>
                </td>
                <td>
                  <span className={`badge ${STATUS_BADGE[delivery.status]}`}>{delivery.status}</span>
                  {delivery.replays > 0 && <div className="muted">replayed {delivery.replays}×</div>}
                  {delivery.error !== undefined && <div className="muted">{delivery.error}</div>}
                </td>
                <td>
                  <ol className="attempts">
                    {delivery.attempts.map((attempt) => (
                      <li key={attempt.at}>
                        {formatTime(attempt.at)}: {attempt.outcome}
                        {attempt.statusCode !== undefined && ` (HTTP ${attempt.statusCode})`}
                        {attempt.outcome !== 'delivered' && attempt.error !== undefined && attempt.statusCode === undefined && ` — ${attempt.error}`}
                      </li>
                    ))}
                  </ol>
                </td>
                <td>{formatTime(delivery.createdAt)}</td>
                {canReplay && (
                  <td>
                    <ConfirmButton
                      label="Replay"
                      title={`Send ${delivery.type} again?`}
                      description="The endpoint gets the same payload with the same webhook-id: a receiver that processed it already sees a duplicate."
                      confirmLabel="Replay"
                      disabled={delivery.status === 'pending'}
                      onConfirm={() => replay(delivery.id)}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {deliveries.data !== undefined && items.length === 0 && <p className="empty">No deliveries yet.</p>}
      </div>
    </section>
  );
}
