import type { ErrorBody } from '../contracts/apiResponses';
import { createNfseClient, type NfseClient } from '../clients/typescript/src';

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

/** What a call of the typed client settles to (openapi-fetch's `{ data, error, response }`). */
interface Settled<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * The CLI's client of the nfse-flow REST API: `api` is the typed client generated from
 * openapi.json (`clients/typescript`, the package integrators use), `call` turns its answers into
 * data or an {@link ApiRequestError}. A command calls a route in one line:
 * `await client.call(client.api.GET('/companies/{cnpj}', { params: { path: { cnpj } } }))`.
 */
export class ApiClient {
  public readonly baseUrl: string;
  public readonly api: NfseClient;
  private readonly token: string | undefined;
  private readonly apiKey: string | undefined;

  public constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? process.env.NFSE_API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
    this.token = options.token ?? process.env.NFSE_TOKEN;
    this.apiKey = options.apiKey ?? process.env.NFSE_API_KEY;
    this.api = createNfseClient({
      baseUrl: this.baseUrl,
      ...(this.token !== undefined ? { token: this.token } : {}),
      ...(this.apiKey !== undefined ? { apiKey: this.apiKey } : {}),
      fetch: (request) => this.reach(() => fetch(request)),
    });
  }

  /** The data of a typed call; a refusal throws {@link ApiRequestError} with the API's error body. */
  public async call<T>(pending: Promise<Settled<T>>): Promise<T> {
    const { data, error, response } = await pending;
    if (!response.ok) throw new ApiRequestError(response.status, error as ErrorBody | undefined);
    return data as T;
  }

  /**
   * Sends a request the document does not describe (the local stack's `/local/token`) and parses
   * the JSON answer; refusals throw {@link ApiRequestError}. The API's routes go through `api`.
   */
  public async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.reach(() =>
      fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.token !== undefined ? { authorization: `Bearer ${this.token}` } : {}),
          ...(this.apiKey !== undefined ? { 'x-api-key': this.apiKey } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      }),
    );
    const text = await response.text();
    const json = text === '' ? undefined : (JSON.parse(text) as unknown);
    if (!response.ok) throw new ApiRequestError(response.status, json as ErrorBody | undefined);
    return json as T;
  }

  /** A fetch that says where the API was expected when it cannot be reached. */
  private async reach(send: () => Promise<Response>): Promise<Response> {
    try {
      return await send();
    } catch (error) {
      throw new Error(`cannot reach the API at ${this.baseUrl} (is \`npm start\` running?): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
