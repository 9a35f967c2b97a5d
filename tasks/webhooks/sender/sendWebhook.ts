import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { SendWebhookRequest, WebhookAttempt } from '../../../contracts/webhookDelivery';
import type { WebhookSecretValue } from '../../../contracts/webhookEndpoint';
import { classifyStatus } from './classifyStatus';
import { isLoopback, refusalOf } from './destinationPolicy';

/** Options of {@link sendWebhook}. */
export interface SendWebhookOptions {
  /** Loopback destinations (and plain http to them) allowed: local development only. @default false */
  readonly allowLoopback?: boolean;
  /** The longest one POST may take, connection included. @default 10_000 */
  readonly timeoutMs?: number;
  /** Resolves a host name to every address it has. @default node:dns lookup with `all: true` */
  readonly resolve?: (host: string) => Promise<readonly LookupAddress[]>;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

const USER_AGENT = 'nfse-flow-webhooks/1';

/**
 * One POST of a delivery, signed as the Standard Webhooks specification says (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`, HMAC-SHA256 by the `standardwebhooks` library; one
 * signature per secret while a rotated-out one is in its grace period). The host is resolved and
 * every address checked before the attempt, and the connection goes to the address checked, so a
 * DNS answer that changes between the check and the connect (rebinding) cannot reach a private one.
 * Never throws for what the receiver did: the attempt says.
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 */
export async function sendWebhook(request: SendWebhookRequest, secrets: WebhookSecretValue, options: SendWebhookOptions = {}): Promise<WebhookAttempt> {
  const now = options.now ?? ((): Date => new Date());
  const startedAt = now();
  const finish = (outcome: WebhookAttempt['outcome'], detail: { statusCode?: number; error?: string }): WebhookAttempt => ({
    at: startedAt.toISOString(),
    outcome,
    ...(detail.statusCode !== undefined ? { statusCode: detail.statusCode } : {}),
    durationMs: Math.max(0, now().getTime() - startedAt.getTime()),
    ...(detail.error !== undefined ? { error: detail.error } : {}),
  });
  const allowLoopback = options.allowLoopback ?? false;
  const url = new URL(request.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: readonly LookupAddress[];
  try {
    addresses = isIP(host) !== 0 ? [{ address: host, family: isIP(host) }] : await (options.resolve ?? resolveAll)(host);
  } catch (error) {
    return finish('retryable', { error: `could not resolve ${host}: ${(error as Error).message}` });
  }
  const refusal = addresses.map((a) => refusalOf(a.address, allowLoopback)).find((reason) => reason !== undefined);
  if (refusal !== undefined) return finish('rejected', { error: refusal });
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowLoopback && addresses.every((a) => isLoopback(a.address)))) {
    return finish('rejected', { error: `${url.protocol} is not allowed: webhooks are sent over https` });
  }
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': request.webhookId,
    'webhook-timestamp': String(Math.floor(startedAt.getTime() / 1000)),
    'webhook-signature': signaturesOf(request, secrets, startedAt),
  };
  try {
    const statusCode = await post(url, headers, request.payload, addresses[0], options.timeoutMs ?? 10_000);
    const outcome = classifyStatus(statusCode);
    return finish(outcome, { statusCode, ...(outcome !== 'delivered' ? { error: `the endpoint answered HTTP ${statusCode}` } : {}) });
  } catch (error) {
    return finish('retryable', { error: (error as Error).message });
  }
}

/** `v1,<sig>` per secret in force, space-separated: a receiver accepts the delivery if any one verifies. */
function signaturesOf(request: SendWebhookRequest, secrets: WebhookSecretValue, at: Date): string {
  const keys = [secrets.current];
  if (secrets.previous !== undefined && secrets.previousValidUntil !== undefined && Date.parse(secrets.previousValidUntil) > at.getTime()) keys.push(secrets.previous);
  return keys.map((key) => new Webhook(key).sign(request.webhookId, at, request.payload)).join(' ');
}

function resolveAll(host: string): Promise<readonly LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true }, (error, addresses) => (error !== null ? reject(error) : resolve(addresses)));
  });
}

/** POSTs to the checked address (TLS still verifies the host name); resolves with the status, the body read and dropped. */
function post(url: URL, headers: Record<string, string>, body: string, address: LookupAddress, timeoutMs: number): Promise<number> {
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all === true) (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: pinned, timeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => reject(error.name === 'AbortError' ? new Error(`no answer within ${timeoutMs} ms`) : error));
    req.end(body);
  });
}
