import type { ApiRequestError } from './ApiClient';

type Env = Readonly<Record<string, string | undefined>>;

const GET_A_TOKEN = 'locally: npm run nfse -- token --cnpj <CNPJ>';

/**
 * What to do about a refusal the gateway answered in its own bare words (API Gateway's Cognito
 * authorizer and API key check say only "Unauthorized" or "Forbidden"), from what this command
 * sent: a line for stderr, or undefined when the API's message already says it.
 */
export function refusalHelp(error: ApiRequestError, env: Env = process.env): string | undefined {
  const message = error.body?.message;
  if (error.status === 401) {
    if (message === 'The incoming token has expired') return `NFSE_TOKEN has expired: get a new one (${GET_A_TOKEN}) and export what it prints`;
    if ((env.NFSE_TOKEN ?? '') === '') return `NFSE_TOKEN is not set: get a token (${GET_A_TOKEN}) and export what it prints`;
    return `NFSE_TOKEN was refused: it is not this API's (another stack, or one restarted without its auth directory), or it lacks a scope this route takes (machine tokens cannot reach /ops); get a new one (${GET_A_TOKEN})`;
  }
  if (error.status === 403 && message === 'Forbidden') {
    const key = (env.NFSE_API_KEY ?? '') === '' ? 'NFSE_API_KEY is not set' : "NFSE_API_KEY is not this API's key, or it was revoked";
    return `the API refused the API key: ${key} (\`npm run nfse -- token\` prints the local one; a tenant's admin creates one per application: nfse api-keys create)`;
  }
  return undefined;
}
