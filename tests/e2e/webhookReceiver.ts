import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One POST the receiver got. */
export interface ReceivedWebhook {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The status it answered. */
  readonly answered: number;
}

/** A tenant's endpoint for a test: records every POST and answers what the test says. */
export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** The status of the next answers, in order; then `fallback`. */
  answerNext(...statuses: number[]): void;
  /** @default 204 */
  fallback: number;
  /** Verifies a received POST with the Standard Webhooks verifier; returns the parsed payload or throws. */
  verify(received: ReceivedWebhook, secret: string): unknown;
  stop(): Promise<void>;
}

/** Starts a receiver on a free loopback port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const queue: number[] = [];
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answered = queue.shift() ?? receiver.fallback;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    fallback: 204,
    answerNext: (...statuses) => queue.push(...statuses),
    verify: (message, secret) => new Webhook(secret).verify(message.body, message.headers),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return receiver;
}
