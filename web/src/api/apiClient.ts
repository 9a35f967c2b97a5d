import type { ConsoleConfig } from '../../../contracts/consoleConfig';
import { currentSession, signOut } from '../auth/session';
import { ApiError } from './ApiError';
import type { ErrorBody as ContractErrorBody } from '../../../contracts/apiResponses';

let config: ConsoleConfig | undefined;

/** Called once at start with `/config.json`. */
export function configureApi(value: ConsoleConfig): void {
  config = value;
}

/** The loaded configuration (throws before {@link configureApi}). */
export function consoleConfig(): ConsoleConfig {
  if (config === undefined) throw new Error('the console configuration is not loaded');
  return config;
}

/** What a refusal's body may hold: the contract's error body, any field of which may be missing (a proxy's page, a gateway's own answer). */
type ErrorBody = Partial<ContractErrorBody>;

/**
 * Calls our API (never AWS directly) with the session's bearer token and API key. A 401 ends the
 * session: the token expired or was revoked, so the user signs in again. `extraHeaders` carries
 * what a route reads besides the body (`If-Match`).
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, extraHeaders: Readonly<Record<string, string>> = {}): Promise<T> {
  const { apiUrl, apiKey } = consoleConfig();
  const session = currentSession();
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (session !== undefined) headers.authorization = `Bearer ${session.token}`;
  // The console's own key, from config.json (in AWS and locally alike).
  if (apiKey !== undefined) headers['x-api-key'] = apiKey;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NetworkError', `The API at ${apiUrl} cannot be reached`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (json ?? {}) as ErrorBody;
    if (response.status === 401) signOut();
    throw new ApiError(response.status, error.code ?? `Http${response.status}`, error.message ?? `${method} ${path} answered ${response.status}`, error.errors ?? [], error.executionArn);
  }
  return json as T;
}

/** A query string from the defined values only. */
export function queryOf(values: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
