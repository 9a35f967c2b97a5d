import http from 'node:http';

/** What a raw request answered. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

/** Options of {@link rawRequest}. */
export interface RawRequestOptions {
  readonly method?: string;
  /** Sent as given: `host` and `origin` included, which fetch() would not let a test set. */
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Send the body chunked, without a Content-Length. @default false */
  readonly chunked?: boolean;
}

/**
 * One HTTP request exactly as a browser (or a DNS-rebinding page) would put it on the wire to
 * `url`, whatever name its `Host` header carries.
 */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawAnswer> {
  const target = new URL(url);
  // As typed: the URL parser would resolve `%2E%2E` segments, which is what some tests send.
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  const rawPath = pathStart < 0 ? '/' : url.slice(pathStart);
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: Record<string, string> = { host: target.host, ...options.headers };
  if (body !== undefined && options.chunked !== true) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: target.hostname, port: target.port, path: rawPath, method: options.method ?? 'GET', headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    // A server that answers before reading everything closes the connection: the answer still counts.
    request.on('error', reject);
    request.end(body);
  });
}
