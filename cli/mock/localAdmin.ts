import { edgeEndpoint, LOCAL_REGION } from '../localEdge';

type Env = Readonly<Record<string, string | undefined>>;

/** A refusal of a local admin endpoint, with what it said. */
export class LocalAdminError extends Error {
  public constructor(what: string, status: number, body: string) {
    super(`${what} answered ${status}: ${body}`);
    this.name = 'LocalAdminError';
  }
}

async function send(what: string, url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new Error(`cannot reach ${what} at ${url} (is \`npm start\` running? on other ports than 4580 and 4566, export NFSE_MOCK_URL and AWS_ENDPOINT_URL as its banner prints them): ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text();
  if (!response.ok) throw new LocalAdminError(what, response.status, text);
  return text === '' ? {} : (JSON.parse(text) as unknown);
}

/** The mock city's admin API (`/_mock/...`) at `NFSE_MOCK_URL` (default the local stack's, port 4580). */
export function mockCity(env: Env = process.env): { readonly url: string; get(path: string): Promise<unknown>; post(path: string, body: unknown): Promise<unknown> } {
  const url = (env.NFSE_MOCK_URL ?? 'http://127.0.0.1:4580').replace(/\/$/, '');
  return {
    url,
    get: (path) => send('the mock city', `${url}/_mock/${path}`, {}),
    post: (path, body) => send('the mock city', `${url}/_mock/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}

/**
 * The local Data API's fault switches (`/_local/rds-data/...` on the edge). The edge routes a
 * request by the SigV4 scope it names and checks no signature, so naming `rds-data` is enough.
 */
export function localDataApi(env: Env = process.env): { post(path: string, body: unknown): Promise<unknown> } {
  const authorization = `AWS4-HMAC-SHA256 Credential=local/20260101/${LOCAL_REGION}/rds-data/aws4_request, SignedHeaders=host, Signature=0`;
  return {
    post: (path, body) => send('the local Data API', `${edgeEndpoint(env)}/_local/rds-data/${path}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}
