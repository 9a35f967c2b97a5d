import type { EdgeResponse, ServiceName } from './EdgeRequest';

/** What the edge saw of one operation of one service. */
export interface OperationCount {
  readonly service: ServiceName;
  readonly operation: string;
  readonly requests: number;
  /** Request body bytes, summed. */
  readonly requestBytes: number;
  /** Response body bytes, summed. */
  readonly responseBytes: number;
}

interface MutableCount {
  service: ServiceName;
  operation: string;
  requests: number;
  requestBytes: number;
  responseBytes: number;
}

/**
 * Requests and bytes per service and operation, as AWS bills them (per request, per 64 KB chunk,
 * per GB): what the cost model reads instead of guessing how many calls an invoice makes.
 */
export class RequestCounters {
  private readonly counts = new Map<string, MutableCount>();

  /** Counts one answered request. */
  public record(service: ServiceName, operation: string, requestBytes: number, response: EdgeResponse): void {
    const key = `${service} ${operation}`;
    let count = this.counts.get(key);
    if (count === undefined) {
      count = { service, operation, requests: 0, requestBytes: 0, responseBytes: 0 };
      this.counts.set(key, count);
    }
    count.requests += 1;
    count.requestBytes += requestBytes;
    count.responseBytes += response.body === undefined ? 0 : Buffer.byteLength(response.body);
  }

  /** Every count so far, sorted by service then operation. */
  public snapshot(): OperationCount[] {
    return [...this.counts.values()]
      .map((count) => ({ ...count }))
      .sort((a, b) => a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation));
  }

  public reset(): void {
    this.counts.clear();
  }
}

const S3_OPERATIONS: Readonly<Record<string, string>> = { PUT: 'PutObject', GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' };

/**
 * The operation a request names: its `X-Amz-Target`, the Query protocol's `Action`, the Data
 * API's path, or an S3 object verb by method (what S3 bills as PUT/GET requests).
 */
export function operationOf(service: ServiceName, method: string, url: URL, target: string | undefined): string {
  if (target !== undefined) return target;
  const action = url.searchParams.get('Action');
  if (action !== null) return action;
  if (service === 's3') return S3_OPERATIONS[method] ?? method;
  return `${method} ${url.pathname.split('/').slice(0, 3).join('/')}`;
}
