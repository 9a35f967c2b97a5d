import type { BulkProductsResponse, Product } from './product';
import type { CreatedOrder, ListOrdersResponse, OrderView } from './order';
import { EXAMPLE_CNPJ } from './invoiceExamples';
import { BODY_ERROR_EXAMPLES, errorExample, GATEWAY_ERROR_EXAMPLES, type RouteExamples } from './routeExamples';

const ORDER_ID = '01KBR3M8Q2W7X4Y6Z9A1B3C5D7';
const INVOICE_ID = '01KBR3M8Q2T5N8P1R4S7V0W3X6';
const EXECUTION_ARN = `arn:aws:states:sa-east-1:123456789012:execution:nfse-prod-OrderSagaWorkflow:${ORDER_ID}`;
const SKU = 'CANETA-AZUL-001';

const product = { sku: SKU, description: 'Caneta esferográfica azul', quantity: 120, version: 3, updatedAt: '2026-12-01T10:00:00.000Z' } satisfies Product;

const orderBody = {
  companyCnpj: EXAMPLE_CNPJ,
  customer: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
  items: [
    { sku: SKU, quantity: 2, unitPrice: '7.50' },
    { sku: 'CADERNO-A4-200', quantity: 1, unitPrice: '35.00' },
  ],
};

export const GET_PRODUCT_EXAMPLES = {
  request: { path: { sku: SKU } },
  responses: {
    200: { summary: 'The product and the units in stock now', body: product },
    400: errorExample('Not a SKU', { message: 'Invalid request: sku must be 1-64 letters, digits, ".", "_" or "-"', code: 'ValidationFailed', errors: [{ field: 'sku', message: 'must be 1-64 letters, digits, ".", "_" or "-"' }] }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample('The stock has no such product', { message: 'Product NO-SUCH-SKU not found', code: 'NotFound' }),
  },
} as const satisfies RouteExamples;

export const PUT_PRODUCT_EXAMPLES = {
  request: { path: { sku: SKU }, body: { description: 'Caneta esferográfica azul', quantity: 120 } },
  responses: {
    200: { summary: 'Created or replaced: the quantity is the count given (its version grows)', body: product },
    400: errorExample('A field breaks the contract', { message: 'Invalid request: quantity must be at least 0', code: 'ValidationFailed', errors: [{ field: 'quantity', message: 'must be at least 0' }] }),
    ...GATEWAY_ERROR_EXAMPLES,
    ...BODY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const PUT_PRODUCTS_EXAMPLES = {
  request: {
    body: {
      products: [
        { sku: SKU, description: 'Caneta esferográfica azul', quantity: 120 },
        { sku: 'CADERNO-A4-200', description: 'Caderno A4 200 folhas', quantity: 40 },
      ],
    },
  },
  responses: {
    200: {
      summary: 'Every product set in one statement (all or none), in the order sent',
      body: { items: [product, { sku: 'CADERNO-A4-200', description: 'Caderno A4 200 folhas', quantity: 40, version: 1, updatedAt: '2026-12-01T10:00:00.000Z' }] } satisfies BulkProductsResponse,
    },
    400: errorExample('A product twice, or a field that breaks the contract', { message: 'Invalid request: products must not name a SKU twice', code: 'ValidationFailed', errors: [{ field: 'products', message: 'must not name a SKU twice' }] }),
    ...GATEWAY_ERROR_EXAMPLES,
    ...BODY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const CREATE_ORDER_EXAMPLES = {
  request: { headers: { 'Idempotency-Key': 'pedido-2026-12-0042' }, body: orderBody },
  responses: {
    201: { summary: 'Accepted: the saga reserves the stock, then invoices', body: { orderId: ORDER_ID, status: 'PENDING' } satisfies CreatedOrder, headers: { Location: `/orders/${ORDER_ID}` } },
    400: errorExample('A field breaks the contract: each one is named', { message: 'Invalid request: items must not name a SKU twice', code: 'ValidationFailed', errors: [{ field: 'items', message: 'must not name a SKU twice' }] }),
    ...GATEWAY_ERROR_EXAMPLES,
    409: errorExample('The Idempotency-Key was used before with another body', { message: 'This Idempotency-Key was already used with a different request body', code: 'IdempotencyKeyReused' }),
    ...BODY_ERROR_EXAMPLES,
    422: errorExample('The company has no record yet', {
      message: `Company ${EXAMPLE_CNPJ} has no record: register it with PUT /companies/${EXAMPLE_CNPJ} before taking its orders`,
      code: 'CompanyNotRegistered',
      errors: [{ field: 'companyCnpj', message: `has no company record (PUT /companies/${EXAMPLE_CNPJ})` }],
    }),
  },
} as const satisfies RouteExamples;

const confirmed = {
  orderId: ORDER_ID,
  companyCnpj: EXAMPLE_CNPJ,
  municipalityCode: '3550308',
  total: '50.00',
  status: 'CONFIRMADA',
  invoiceId: INVOICE_ID,
  nfseNumber: '202600000043',
  executionArn: EXECUTION_ARN,
  createdAt: '2026-12-01T10:05:00.120Z',
  updatedAt: '2026-12-01T10:05:02.480Z',
} as const;

const at = (seconds: string): string => `2026-12-01T10:05:${seconds}Z`;

export const GET_ORDER_EXAMPLES = {
  request: { path: { id: ORDER_ID } },
  responses: {
    200: {
      summary: 'The order, its saga’s steps and the events it wrote to the outbox',
      body: {
        ...confirmed,
        customer: orderBody.customer,
        items: orderBody.items,
        steps: [
          { name: 'ReserveStock', status: 'succeeded', enteredAt: at('00.200'), exitedAt: at('00.260'), compensation: false },
          { name: 'IsReserved', status: 'succeeded', enteredAt: at('00.261'), exitedAt: at('00.261'), compensation: false },
          { name: 'PrepareInvoice', status: 'succeeded', enteredAt: at('00.262'), exitedAt: at('00.410'), compensation: false },
          { name: 'IsIssued', status: 'succeeded', enteredAt: at('00.411'), exitedAt: at('00.411'), compensation: false },
          { name: 'EmitInvoice', status: 'succeeded', enteredAt: at('00.412'), exitedAt: at('02.400'), compensation: false },
          { name: 'ConfirmOrder', status: 'succeeded', enteredAt: at('02.401'), exitedAt: at('02.480'), compensation: false },
          { name: 'Confirmed', status: 'succeeded', enteredAt: at('02.481'), exitedAt: at('02.481'), compensation: false },
        ],
        events: [
          { eventId: '3b0c6f0e-8a51-5d2e-9f47-1c2d3e4f5a6b', detailType: 'NotaFiscalCriada', createdAt: at('00.120'), publishedAt: at('01.010') },
          { eventId: '8e2d4c6a-1b3f-5a7c-8d9e-0f1a2b3c4d5e', detailType: 'ReservaConfirmada', createdAt: at('00.260'), publishedAt: at('01.010') },
          { eventId: 'c4a6e8f0-2b4d-5f6a-9b8c-7d6e5f4a3b2c', detailType: 'OrderConfirmed', createdAt: at('02.480') },
        ],
      } satisfies OrderView,
    },
    400: errorExample('Not an order id', { message: 'Invalid request: id must be a ULID', code: 'ValidationFailed', errors: [{ field: 'id', message: 'must be a ULID' }] }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample("No such order (or another tenant's)", { message: 'Order 01JQ8Z6T3XK4M9V2B7C5D1E0ZZ not found', code: 'NotFound' }),
  },
} as const satisfies RouteExamples;

export const LIST_ORDERS_EXAMPLES = {
  request: { query: { companyCnpj: EXAMPLE_CNPJ, limit: '20' } },
  responses: {
    200: {
      summary: 'A page of orders, newest first; nextToken asks for the next page',
      body: {
        items: [
          confirmed,
          {
            ...confirmed,
            orderId: '01KBR3K1A2B3C4D5E6F7G8H9J0',
            executionArn: `${EXECUTION_ARN.slice(0, EXECUTION_ARN.lastIndexOf(':'))}:01KBR3K1A2B3C4D5E6F7G8H9J0`,
            status: 'ERRO_ESTOQUE',
            invoiceId: undefined,
            nfseNumber: undefined,
            error: { code: 'Stock.Insufficient', message: 'insufficient stock: CANETA-AZUL-001 (requested 200, available 120)' },
          },
        ],
        nextToken: 'eyJjcmVhdGVkQXQiOiIyMDI2LTEyLTAxVDEwOjA0OjAwLjAwMFoifQ.c2lnbmF0dXJl',
      } satisfies ListOrdersResponse,
    },
    400: errorExample('A parameter breaks the contract', { message: 'Invalid request: limit must be at most 200', code: 'ValidationFailed', errors: [{ field: 'limit', message: 'must be at most 200' }] }),
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;
