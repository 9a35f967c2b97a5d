import { GetSecretValueCommand, ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import { SendWebhookRequestSchema, type WebhookAttempt } from '../../../contracts/webhookDelivery';
import { WebhookSecretValueSchema } from '../../../contracts/webhookEndpoint';
import { awsClients } from '../../shared/clients';
import { sendWebhook } from './sendWebhook';
import { tracedHandler } from '../../shared/tracing';

/** The local stack's development switch: loopback receivers (`nfse webhooks listen`) allowed. Never set in AWS. */
export const ALLOW_LOOPBACK_ENV = 'WEBHOOK_ALLOW_LOOPBACK';

/**
 * WebhookDeliveryWorkflow's `Send` task: one signed POST, answered as a {@link WebhookAttempt}
 * (the workflow records it and decides on retries). Reads the endpoint's secret itself, so the
 * secret never enters the execution's history.
 */
async function handle(event: unknown): Promise<WebhookAttempt> {
  const request = SendWebhookRequestSchema.parse(event);
  let secretString: string | undefined;
  try {
    secretString = (await awsClients().secrets.send(new GetSecretValueCommand({ SecretId: request.secretId }))).SecretString;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  if (secretString === undefined) return { at: new Date().toISOString(), outcome: 'rejected', durationMs: 0, error: 'the endpoint was deleted (its signing secret is gone)' };
  const secrets = WebhookSecretValueSchema.parse(JSON.parse(secretString));
  return sendWebhook(request, secrets, { allowLoopback: process.env[ALLOW_LOOPBACK_ENV] === 'true' });
}

/** The Lambda entry point: {@link handle}, traced in Lambda (a subsegment of the invocation). */
export const handler = tracedHandler('webhook-sender', handle);
