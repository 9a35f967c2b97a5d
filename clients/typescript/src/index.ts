import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema';

export type * from './schema';

/** Where the API is and who calls it. */
export interface NfseClientOptions {
  /** The API's base URL: a stage's ApiUrl output, or `http://127.0.0.1:3000` for `npm start`. */
  readonly baseUrl: string;
  /** The access token (`Authorization: Bearer`), or a function answering a fresh one per request. @default none */
  readonly token?: string | (() => string | Promise<string>);
  /** The API key (`x-api-key`). @default none */
  readonly apiKey?: string;
  /** The `fetch` to send with. @default globalThis.fetch */
  readonly fetch?: ClientOptions['fetch'];
}

/** The typed client: `GET`, `POST`, `PUT`, `PATCH` by path, answering `{ data, error, response }`. */
export type NfseClient = Client<paths>;

/**
 * A client of the nfse-flow REST API (openapi-fetch over the generated `paths`): every path,
 * parameter, body and answer is typed from openapi.json, and each request carries the token and
 * the API key.
 */
export function createNfseClient(options: NfseClientOptions): NfseClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), ...(options.fetch !== undefined ? { fetch: options.fetch } : {}) });
  const { token, apiKey } = options;
  client.use({
    async onRequest({ request }) {
      const bearer = typeof token === 'function' ? await token() : token;
      if (bearer !== undefined) request.headers.set('authorization', `Bearer ${bearer}`);
      if (apiKey !== undefined) request.headers.set('x-api-key', apiKey);
      return request;
    },
  });
  return client;
}
