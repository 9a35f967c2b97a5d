import type { ErrorBody } from '../contracts/apiResponses';

/** Where the API is and who we are to it. */
export interface ApiClientOptions {
  /** @default env NFSE_API_URL or http://127.0.0.1:3000 */
  readonly baseUrl?: string;
  /** @default env NFSE_TOKEN */
  readonly token?: string;
  /** @default env NFSE_API_KEY */
  readonly apiKey?: string;
}

/** An answer the API refused, with the contract's error body. */
export class ApiRequestError extends Error {
  public constructor(
    public readonly status: number,
    public readonly body: ErrorBody | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'ApiRequestError';
  }
}

/** A small client of the nfse-flow REST API (the same one the console uses). */
export class ApiClient {
  public readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly apiKey: string | undefined;

  public constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? process.env.NFSE_API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
    this.token = options.token ?? process.env.NFSE_TOKEN;
    this.apiKey = options.apiKey ?? process.env.NFSE_API_KEY;
  }

  /** Sends a request and parses the JSON answer; refusals throw {@link ApiRequestError}. */
  public async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.token !== undefined ? { authorization: `Bearer ${this.token}` } : {}),
          ...(this.apiKey !== undefined ? { 'x-api-key': this.apiKey } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      throw new Error(`cannot reach the API at ${this.baseUrl} (is \`npm start\` running?): ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    const json = text === '' ? undefined : (JSON.parse(text) as unknown);
    if (!response.ok) throw new ApiRequestError(response.status, json as ErrorBody | undefined);
    return json as T;
  }
}
