import type { IncomingHttpHeaders } from 'node:http';

/** The AWS signing names of the services the edge serves. */
export const SERVICE_NAMES = ['sqs', 'states', 'dynamodb', 's3', 'rds-data', 'events', 'lambda', 'ecs', 'secretsmanager', 'apigateway', 'scheduler'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** One HTTP request as a local service sees it: fully read, already routed. */
export interface EdgeRequest {
  readonly method: string;
  /** Parsed URL (path and query) of the request as received by the edge. */
  readonly url: URL;
  /** The raw request target (path and query string exactly as sent, for signature-sensitive proxies). */
  readonly rawUrl: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly service: ServiceName;
  /** The operation of an `X-Amz-Target` header (`AmazonSQS.SendMessage` → `SendMessage`), if any. */
  readonly target?: string;
  /** Region from the SigV4 credential scope, else the cloud's default region. */
  readonly region: string;
  readonly accountId: string;
  readonly clientGone?: ClientGone;
}

/**
 * Its `signal` aborts when the client went away before the answer reached it (its connection
 * closed, or its in-process abort signal fired), and never once the answer was handed over: a
 * service may stop waiting on it and undo what it did for that answer (a long poll's messages).
 * The signal is made on first read (an AbortSignal costs ~2 µs of CPU, the controller alone next
 * to nothing): read it only to wait on it.
 */
export type ClientGone = Pick<AbortController, 'signal'>;

/** A request as it reaches the edge, before routing: from its HTTP port or from an SDK client in this process. */
export interface RawEdgeRequest {
  readonly method: string;
  /** Path and query string exactly as sent. */
  readonly rawUrl: string;
  /** Lower-case names, as Node's HTTP server gives them. */
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly clientGone?: ClientGone;
}

/** What a local service answers. */
export interface EdgeResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string | Buffer;
}
