import { createNfseClient, type NfseClient } from '../../../clients/typescript/src';
import { currentSession, signOut } from '../auth/session';
import { ApiError } from './ApiError';
import { consoleConfig } from './apiClient';
import type { ErrorBody as ContractErrorBody } from '../../../contracts/apiResponses';

/** What a call of the typed client settles to (openapi-fetch's `{ data, error, response }`). */
interface Settled<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** What a refusal's body may hold: the contract's error body, any field of which may be missing (a proxy's page, a gateway's own answer). */
type ErrorBody = Partial<ContractErrorBody>;

/**
 * The typed client of `clients/typescript` (the one the CLI and integrators use), sending the
 * session's token and the console's API key: paths, bodies and answers are checked by `tsc`
 * against openapi.json. Built per call, so it always carries the current session.
 */
export function typedApi(): NfseClient {
  const { apiUrl, apiKey } = consoleConfig();
  const token = currentSession()?.token;
  return createNfseClient({
    baseUrl: apiUrl,
    ...(token !== undefined ? { token } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    fetch: async (request) => {
      try {
        return await fetch(request);
      } catch {
        throw new ApiError(0, 'NetworkError', `The API at ${apiUrl} cannot be reached`);
      }
    },
  });
}

/**
 * The data of a typed call; a refusal throws {@link ApiError} with the API's message and fields,
 * as {@link api} does, and a 401 ends the session (the token expired or was revoked).
 */
export async function settle<T>(pending: Promise<Settled<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) {
    const body = (typeof error === 'object' && error !== null ? error : {}) as ErrorBody;
    if (response.status === 401) signOut();
    throw new ApiError(response.status, body.code ?? `Http${response.status}`, body.message ?? `${response.url} answered ${response.status}`, body.errors ?? [], body.executionArn);
  }
  return data as T;
}
