import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** One delivery the listener got. */
export interface HeardDelivery {
  readonly webhookId: string;
  readonly timestamp: string;
  /** `verified`, `invalid` (with why), or `unchecked` when the listener has no secret. */
  readonly verification: { readonly kind: 'verified' } | { readonly kind: 'invalid'; readonly reason: string } | { readonly kind: 'unchecked' };
  readonly body: string;
  /** The status answered: 204, or 401 for a signature that does not verify (not retried). */
  readonly answered: number;
}

/** Options of {@link WebhookListener.start}. */
export interface WebhookListenerOptions {
  /** @default 4590 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** The endpoint's signing secret (`whsec_…`): every delivery is verified with it. @default none: deliveries are printed unchecked */
  readonly secret?: string;
  readonly onDelivery: (delivery: HeardDelivery) => void;
}

/**
 * `nfse webhooks listen`: a receiver for development that verifies each delivery as an integrator
 * would, with the `standardwebhooks` library (signature and a timestamp within 5 minutes).
 */
export class WebhookListener {
  private constructor(
    private readonly server: http.Server,
    public readonly url: string,
  ) {}

  public static async start(options: WebhookListenerOptions): Promise<WebhookListener> {
    const verifier = options.secret !== undefined ? new Webhook(options.secret) : undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const header = (name: string): string => String(req.headers[name] ?? '');
        const headers = { 'webhook-id': header('webhook-id'), 'webhook-timestamp': header('webhook-timestamp'), 'webhook-signature': header('webhook-signature') };
        let verification: HeardDelivery['verification'] = { kind: 'unchecked' };
        if (verifier !== undefined) {
          try {
            verifier.verify(body, headers);
            verification = { kind: 'verified' };
          } catch (error) {
            if (!(error instanceof WebhookVerificationError)) throw error;
            verification = { kind: 'invalid', reason: error.message };
          }
        }
        const answered = verification.kind === 'invalid' ? 401 : 204;
        res.writeHead(answered).end();
        options.onDelivery({ webhookId: headers['webhook-id'], timestamp: headers['webhook-timestamp'], verification, body, answered });
      });
    });
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 4590, host, resolve);
    });
    const { port } = server.address() as AddressInfo;
    return new WebhookListener(server, `http://${host}:${port}/`);
  }

  public stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** How `listen` prints a delivery: one line, then the payload indented. */
export function describeDelivery(delivery: HeardDelivery, at: Date): string {
  let type = '?';
  let payload = delivery.body;
  try {
    const parsed = JSON.parse(delivery.body) as { type?: unknown };
    type = String(parsed.type);
    payload = JSON.stringify(parsed, null, 2);
  } catch {
    // Not JSON: printed as it came.
  }
  const verdict = { verified: 'signature verified', invalid: `signature INVALID (${delivery.verification.kind === 'invalid' ? delivery.verification.reason : ''})`, unchecked: 'signature not checked (no secret)' }[delivery.verification.kind];
  return `${at.toISOString()}  ${type}  webhook-id ${delivery.webhookId}  ${verdict}  → ${delivery.answered}\n${payload.replace(/^/gm, '  ')}`;
}
