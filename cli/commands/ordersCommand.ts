import { Command } from 'commander';
import type { BulkProductsRequest, CreateOrderRequest, ListOrdersResponse } from '../../clients/typescript/src';
import { ApiClient } from '../ApiClient';
import { describeOrder, describeOrderList } from '../orders/describeOrder';
import { printResult } from '../printResult';
import { readJsonFile } from '../readJsonFile';

type OrderStatus = NonNullable<ListOrdersResponse['items'][number]['status']>;

/** `nfse orders create|get|list` and `nfse orders stock put|get`: orders that reserve stock and then invoice (seed 004). */
export function ordersCommand(): Command {
  const command = new Command('orders').description('orders that reserve stock and then invoice (the orders saga), and the stock they take from');
  command
    .command('create')
    .description('take an order from a JSON file (the POST /orders body); - reads stdin')
    .argument('<file>', 'JSON file with the order, or - for stdin')
    .option('--idempotency-key <key>', 'replaying with the same key never takes the order twice')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { idempotencyKey?: string; json?: boolean }) => {
      const client = new ApiClient();
      const body = (await readJsonFile(file)) as CreateOrderRequest;
      const created = await client.call(client.api.POST('/orders', { body, params: { header: { 'Idempotency-Key': options.idempotencyKey } } }));
      printResult(options.json === true, created, () => `order ${created.orderId} ${created.status}; follow it with: nfse orders get ${created.orderId}`);
    });
  command
    .command('get')
    .description("an order, its saga's steps (compensation included) and its outbox events")
    .argument('<orderId>')
    .option('--json', 'print JSON')
    .action(async (orderId: string, options: { json?: boolean }) => {
      const client = new ApiClient();
      const order = await client.call(client.api.GET('/orders/{id}', { params: { path: { id: orderId } } }));
      printResult(options.json === true, order, () => describeOrder(order));
    });
  command
    .command('list')
    .description("a company's orders, newest first")
    .option('--company <cnpj>', 'the company (required when you have more than one)')
    .option('--status <status>', 'PENDING, RESERVED, CONFIRMADA, ERRO_ESTOQUE or FAILED')
    .option('--limit <n>', 'orders per page', '50')
    .option('--next-token <token>', 'the page after the one that gave this token')
    .option('--json', 'print JSON')
    .action(async (options: { company?: string; status?: string; limit: string; nextToken?: string; json?: boolean }) => {
      const client = new ApiClient();
      const query = {
        limit: Number(options.limit),
        ...(options.company !== undefined ? { companyCnpj: options.company } : {}),
        ...(options.status !== undefined ? { status: options.status as OrderStatus } : {}),
        ...(options.nextToken !== undefined ? { nextToken: options.nextToken } : {}),
      };
      const page = await client.call(client.api.GET('/orders', { params: { query } }));
      printResult(options.json === true, page, () => `${describeOrderList(page)}${page.nextToken !== undefined ? `\nmore: --next-token ${page.nextToken}` : ''}`);
    });
  const stock = command.command('stock').description('the products orders take from (admins and ops set them)');
  stock
    .command('put')
    .description('set many products from a JSON file (the PUT /products body, {"products": [{sku, description, quantity}]}); - reads stdin')
    .argument('<file>')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const client = new ApiClient();
      const loaded = await client.call(client.api.PUT('/products', { body: (await readJsonFile(file)) as BulkProductsRequest }));
      printResult(options.json === true, loaded, () => loaded.items.map((product) => `${product.sku}  ${product.quantity} in stock (version ${product.version})`).join('\n'));
    });
  stock
    .command('get')
    .description('a product and the units in stock now')
    .argument('<sku>')
    .option('--json', 'print JSON')
    .action(async (sku: string, options: { json?: boolean }) => {
      const client = new ApiClient();
      const product = await client.call(client.api.GET('/products/{sku}', { params: { path: { sku } } }));
      printResult(options.json === true, product, () => `${product.sku}  ${product.description}: ${product.quantity} in stock (version ${product.version})`);
    });
  return command;
}
