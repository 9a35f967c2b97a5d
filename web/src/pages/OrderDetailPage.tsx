import type { ReactElement } from 'react';
import type { OrderView } from '../../../contracts/order';
import { api } from '../api/apiClient';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { ErrorBanner } from '../components/ErrorBanner';

const ENDED = new Set(['CONFIRMADA', 'ERRO_ESTOQUE', 'FAILED']);

/** `/orders/{id}`: the order and its saga's timeline (steps, compensation), with links to its execution and invoice. */
export function OrderDetailPage(props: { readonly orderId: string }): ReactElement {
  const order = useApi(`order:${props.orderId}`, () => api<OrderView>('GET', `/orders/${encodeURIComponent(props.orderId)}`), { pollMs: 2000, keepPolling: (data) => !ENDED.has(data.status) });
  const view = order.data;
  return (
    <section>
      <div className="title-row">
        <h1>Order {props.orderId}</h1>
        <button type="button" className="button" onClick={order.reload}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={order.error} onRetry={order.reload} />
      {view !== undefined && (
        <>
          <dl className="fields" data-testid="order-facts">
            <dt>Status</dt>
            <dd data-testid="order-status">{view.status}</dd>
            <dt>Total</dt>
            <dd>{view.total}</dd>
            <dt>Execution</dt>
            <dd className="mono">
              <Link to={`/executions/${encodeURIComponent(view.executionArn)}`}>{view.executionArn.split(':').at(-1)}</Link>
            </dd>
            <dt>Invoice</dt>
            <dd className="mono">{view.invoiceId !== undefined ? <Link to={`/invoices/${view.invoiceId}`}>{view.invoiceId}</Link> : '—'}</dd>
            {view.error !== undefined && (
              <>
                <dt>Error</dt>
                <dd data-testid="order-error">
                  {view.error.code}: {view.error.message}
                </dd>
              </>
            )}
          </dl>
          <h2>Saga</h2>
          <ol className="timeline" data-testid="order-steps">
            {view.steps.map((step, index) => (
              <li key={`${step.name}-${index}`} data-step={step.name} data-status={step.status}>
                <span className="mono">{step.name}</span> {step.status}
                {step.compensation && <span className="badge badge-warn"> compensation</span>}
                <span className="muted"> {step.enteredAt}</span>
              </li>
            ))}
          </ol>
          <h2>Events</h2>
          <ul data-testid="order-events">
            {view.events.map((event) => (
              <li key={event.eventId}>
                <span className="mono">{event.detailType}</span> {event.publishedAt !== undefined ? 'published' : 'not yet published'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
