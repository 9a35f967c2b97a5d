import type { ReactElement } from 'react';
import type { ListOrdersResponse } from '../../../contracts/order';
import { api } from '../api/apiClient';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { ErrorBanner } from '../components/ErrorBanner';

/** `/orders`: the caller's orders, newest first, each with where its saga ended. */
export function OrdersPage(): ReactElement {
  const list = useApi('orders', () => api<ListOrdersResponse>('GET', '/orders?limit=50'));
  const items = list.data?.items ?? [];
  return (
    <section>
      <div className="title-row">
        <h1>Orders</h1>
        <button type="button" className="button" onClick={list.reload}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      <div className="table-wrap">
        <table className="table" data-testid="orders-table">
          <caption className="visually-hidden">Orders, newest first, with their status, total and invoice</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col">Invoice</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {items.map((order) => (
              <tr key={order.orderId} data-testid={`order-${order.orderId}`}>
                <td className="mono">
                  <Link to={`/orders/${order.orderId}`}>{order.orderId}</Link>
                </td>
                <td>{order.status}</td>
                <td className="num">{order.total}</td>
                <td className="mono">{order.invoiceId !== undefined ? <Link to={`/invoices/${order.invoiceId}`}>{order.invoiceId}</Link> : '—'}</td>
                <td>{order.createdAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data !== undefined && items.length === 0 && <p className="empty">No orders yet.</p>}
      </div>
    </section>
  );
}
