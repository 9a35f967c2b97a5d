import type { ListOrdersResponse, OrderView } from '../../clients/typescript/src';

/** An order as the terminal shows it: status, invoice, and the saga's steps (compensation marked). */
export function describeOrder(order: OrderView): string {
  const lines = [
    `order ${order.orderId} ${order.status} (company ${order.companyCnpj}, total ${order.total})`,
    ...(order.invoiceId !== undefined ? [`invoice ${order.invoiceId}${order.nfseNumber !== undefined ? ` (NFS-e ${order.nfseNumber})` : ''}`] : []),
    ...(order.error !== undefined ? [`error ${order.error.code}: ${order.error.message}`] : []),
    `execution ${order.executionArn}`,
    'items:',
    ...order.items.map((item) => `  ${item.quantity} × ${item.sku} at ${item.unitPrice}`),
    'saga:',
    ...order.steps.map((step) => `  ${step.status.padEnd(9)} ${step.name}${step.compensation ? ' (compensation)' : ''}`),
    'events:',
    ...order.events.map((event) => `  ${event.detailType} ${event.publishedAt !== undefined ? 'published' : 'not yet published'}`),
  ];
  return lines.join('\n');
}

/** A page of orders, one line each. */
export function describeOrderList(page: ListOrdersResponse): string {
  if (page.items.length === 0) return 'no orders';
  return page.items.map((order) => `${order.orderId}  ${order.status.padEnd(12)} ${order.total.padStart(10)}  ${order.createdAt}`).join('\n');
}
