import { ulid } from 'ulid';
import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { routeHandler } from '../shared/routeHandler';
import { ALLOW_LOOPBACK_ENV } from './sender/handler';
import { listDeliveries, replayDelivery, type WebhookDeliveryDeps } from './webhookDeliveries';
import { createWebhook, deleteWebhook, listWebhooks, rotateWebhookSecret, type WebhookEndpointDeps } from './webhookEndpoints';

function endpointDeps(): WebhookEndpointDeps {
  const kmsKeyId = process.env[ENV.WebhookKmsKeyId];
  return {
    ddb: awsClients().ddb,
    secrets: awsClients().secrets,
    webhooksTable: requireEnv(ENV.WebhooksTable),
    secretPrefix: requireEnv(ENV.WebhookSecretPrefix),
    ...(kmsKeyId !== undefined && kmsKeyId !== '' ? { kmsKeyId } : {}),
    allowLoopback: process.env[ALLOW_LOOPBACK_ENV] === 'true',
    now: () => new Date(),
    newId: () => ulid(),
  };
}

function deliveryDeps(): WebhookDeliveryDeps {
  return { ddb: awsClients().ddb, sfn: awsClients().sfn, webhooksTable: requireEnv(ENV.WebhooksTable), deliveryStateMachineArn: requireEnv(ENV.WebhookDeliveryStateMachineArn) };
}

/** `/webhooks`: a tenant's endpoints, their signing secrets and deliveries. */
export const handler = routeHandler('webhooks', {
  createWebhook: async ({ caller, body }) => {
    const created = await createWebhook(endpointDeps(), caller, body);
    return { statusCode: 201, body: created, headers: { location: `/webhooks/${created.id}` } };
  },
  listWebhooks: async ({ caller, query }) => ({ statusCode: 200, body: { items: await listWebhooks(endpointDeps(), caller, query) } }),
  deleteWebhook: async ({ caller, path }) => ({ statusCode: 200, body: await deleteWebhook(endpointDeps(), caller, path.id) }),
  rotateWebhookSecret: async ({ caller, path }) => ({ statusCode: 200, body: await rotateWebhookSecret(endpointDeps(), caller, path.id) }),
  listWebhookDeliveries: async ({ caller, path }) => ({ statusCode: 200, body: { items: await listDeliveries(deliveryDeps(), caller, path.id) } }),
  replayWebhookDelivery: async ({ caller, path }) => ({ statusCode: 202, body: await replayDelivery(deliveryDeps(), caller, path.id) }),
});
