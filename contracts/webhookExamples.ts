import type { CreatedWebhook, ListWebhooksResponse, RotatedWebhookSecret, WebhookEndpoint } from './webhookEndpoint';
import type { ListDeliveriesResponse, ReplayedDelivery } from './webhookDelivery';
import { BODY_ERROR_EXAMPLES, errorExample, GATEWAY_ERROR_EXAMPLES, type RouteExamples } from './routeExamples';

const ENDPOINT_ID = '01JQ8Z6T3XK4M9V2B7C5D1E0WH';
const DELIVERY_ID = `3f6b0a52-5c1e-4d8a-9a47-2b1f0e6c7d80_${ENDPOINT_ID}`;
const unknownEndpoint = '01JQ8Z6T3XK4M9V2B7C5D1E0ZZ';

const endpoint: WebhookEndpoint = {
  id: ENDPOINT_ID,
  companyCnpj: '11222333000181',
  url: 'https://erp.example.com/webhooks/nfse',
  events: ['invoice.issued', 'invoice.cancelled'],
  description: 'Our ERP',
  status: 'enabled',
  createdAt: '2026-12-01T10:00:00.000Z',
  createdBy: 'examples-client',
};

const badId = (field: string, what: string): ReturnType<typeof errorExample> =>
  errorExample(`The ${field} is not ${what}`, { message: `Invalid request: id must be ${what}`, code: 'ValidationFailed', errors: [{ field: 'id', message: `must be ${what}` }] });

export const CREATE_WEBHOOK_EXAMPLES = {
  request: { body: { companyCnpj: '11222333000181', url: 'https://erp.example.com/webhooks/nfse', events: ['invoice.issued', 'invoice.cancelled'], description: 'Our ERP' } },
  responses: {
    201: {
      summary: 'The endpoint, and its signing secret: shown this once',
      body: { ...endpoint, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6OAn8TbG0mE=' } satisfies CreatedWebhook,
      headers: { Location: `/webhooks/${ENDPOINT_ID}` },
    },
    400: errorExample('An event type that does not exist', {
      message:
        'Invalid request: events.0 must be one of invoice.issued, invoice.failed, invoice.cancelled, invoice.substituted, certificate.expiring, billing.run.finished, order.confirmed, order.failed',
      code: 'ValidationFailed',
      errors: [{ field: 'events.0', message: 'must be one of invoice.issued, invoice.failed, invoice.cancelled, invoice.substituted, certificate.expiring, billing.run.finished, order.confirmed, order.failed' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    409: errorExample('The company has 10 endpoints already', { message: 'Company 11222333000181 has 10 webhook endpoints already: delete one first', code: 'TooManyWebhooks' }),
    ...BODY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const LIST_WEBHOOKS_EXAMPLES = {
  responses: {
    200: { summary: "The caller's companies' endpoints, newest first (never their secrets)", body: { items: [endpoint] } satisfies ListWebhooksResponse },
    400: errorExample('The CNPJ is not one', {
      message: 'Invalid request: companyCnpj must be 14 characters (12 digits or capital letters, then 2 check digits), no punctuation',
      code: 'ValidationFailed',
      errors: [{ field: 'companyCnpj', message: 'must be 14 characters (12 digits or capital letters, then 2 check digits), no punctuation' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const DELETE_WEBHOOK_EXAMPLES = {
  request: { path: { id: ENDPOINT_ID } },
  responses: {
    200: { summary: 'Deleted: the endpoint as it was. Its secret is destroyed; deliveries still retrying fail', body: endpoint },
    400: badId('endpoint id', 'a ULID'),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample("An unknown endpoint, or another tenant's", { message: `Webhook ${unknownEndpoint} not found`, code: 'NotFound' }),
  },
} as const satisfies RouteExamples;

export const ROTATE_WEBHOOK_SECRET_EXAMPLES = {
  request: { path: { id: ENDPOINT_ID } },
  responses: {
    200: {
      summary: 'The new secret (shown this once); for 24 h deliveries are signed with the previous one too',
      body: { id: ENDPOINT_ID, secret: 'whsec_q2Fz0l1sVvC6G2h3uI4pX5rT6yW7zA8bC9dE0fG1hJ0=', previousSecretValidUntil: '2026-12-02T10:00:00.000Z' } satisfies RotatedWebhookSecret,
    },
    400: badId('endpoint id', 'a ULID'),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample("An unknown endpoint, or another tenant's", { message: `Webhook ${unknownEndpoint} not found`, code: 'NotFound' }),
  },
} as const satisfies RouteExamples;

export const LIST_WEBHOOK_DELIVERIES_EXAMPLES = {
  request: { path: { id: ENDPOINT_ID } },
  responses: {
    200: {
      summary: 'The latest deliveries, newest first, each with its attempts: here one that got through on its second',
      body: {
        items: [
          {
            id: DELIVERY_ID,
            endpointId: ENDPOINT_ID,
            type: 'invoice.issued',
            webhookId: '3f6b0a52-5c1e-4d8a-9a47-2b1f0e6c7d80',
            status: 'delivered',
            createdAt: '2026-12-01T10:05:00.000Z',
            deliveredAt: '2026-12-01T10:05:31.000Z',
            payload: '{"type":"invoice.issued","timestamp":"2026-12-01T10:05:00Z","data":{"invoiceId":"01JQ8Z6T3XK4M9V2B7C5D1E0F9","companyCnpj":"11222333000181"}}',
            attempts: [
              { at: '2026-12-01T10:05:01.000Z', outcome: 'retryable', statusCode: 503, durationMs: 84, error: 'the endpoint answered HTTP 503' },
              { at: '2026-12-01T10:05:31.000Z', outcome: 'delivered', statusCode: 200, durationMs: 61 },
            ],
            replays: 0,
          },
        ],
      } satisfies ListDeliveriesResponse,
    },
    400: badId('endpoint id', 'a ULID'),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample("An unknown endpoint, or another tenant's", { message: `Webhook ${unknownEndpoint} not found`, code: 'NotFound' }),
  },
} as const satisfies RouteExamples;

export const REPLAY_WEBHOOK_DELIVERY_EXAMPLES = {
  request: { path: { id: DELIVERY_ID } },
  responses: {
    202: {
      summary: 'Sent again (same payload, same webhook-id) by a new execution',
      body: { deliveryId: DELIVERY_ID, executionArn: `arn:aws:states:us-east-1:000000000000:execution:nfse-WebhookDeliveryWorkflow:${DELIVERY_ID}-r1` } satisfies ReplayedDelivery,
    },
    400: errorExample('The delivery id is not one', {
      message: 'Invalid request: id must be a delivery id ({event id}_{endpoint id})',
      code: 'ValidationFailed',
      errors: [{ field: 'id', message: 'must be a delivery id ({event id}_{endpoint id})' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample("An unknown delivery, or another tenant's", { message: `Delivery 00000000-0000-4000-8000-000000000000_${unknownEndpoint} not found`, code: 'NotFound' }),
  },
} as const satisfies RouteExamples;
