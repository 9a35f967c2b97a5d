import http from 'node:http';

/** The AWS JSON 1.0 headers the SDK sends; the signature is static (the local edge routes by target and does not verify it). */
const STATIC_HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amzn-query-mode': 'true',
  authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000',
  'x-amz-date': '20260101T000000Z',
} as const;

/**
 * A minimal SQS client for the benchmark: the same AWS JSON 1.0 protocol over real HTTP to the
 * edge (keep-alive sockets, bodies serialised once by the caller), without the SDK's middleware,
 * signing and schema (de)serialisation — so the emulator's own throughput shows.
 */
export class LeanSqsClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: string;

  public constructor(endpoint: string, maxSockets = 4) {
    const url = new URL(endpoint);
    this.host = url.hostname;
    this.port = url.port;
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** Calls `AmazonSQS.<operation>` with a JSON body; resolves to the parsed answer, rejects on a non-200. */
  public call<T>(operation: string, body: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: this.host, port: this.port, path: '/', method: 'POST', agent: this.agent, headers: { ...STATIC_HEADERS, 'x-amz-target': `AmazonSQS.${operation}`, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode !== 200) return reject(new Error(`${operation}: HTTP ${String(response.statusCode)} ${text}`));
            resolve(JSON.parse(text) as T);
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  public close(): void {
    this.agent.destroy();
  }
}
