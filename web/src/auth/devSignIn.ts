import type { Role } from '../../../contracts/tenantGrant';
import { ApiError } from '../api/ApiError';
import { signIn } from './session';

interface DevTokenAnswer {
  readonly token: string;
  readonly principal: string;
  readonly role: Role;
  readonly cnpjs: readonly string[];
  readonly expiresAt: string;
  readonly message?: string;
}

/**
 * Local sign-in: the local issuer signs a token for a tenant's companies and a role (it plays
 * Cognito and the administrator who grants CNPJs). One principal per tenant and role.
 */
export async function devSignIn(tokenUrl: string, tenant: { readonly name: string; readonly cnpjs: readonly string[] }, role: Role): Promise<void> {
  const sub = `console-${role}-${tenant.cnpjs[0] ?? 'none'}`;
  const response = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, cnpjs: tenant.cnpjs, role, ttlSeconds: 8 * 3600 }) });
  const answer = (await response.json()) as DevTokenAnswer;
  if (!response.ok) throw new ApiError(response.status, 'SignInFailed', answer.message ?? `sign-in answered ${response.status}`);
  // The console sends its own API key (config.json), not the CLI's that the dev token endpoint answers with.
  signIn({ token: answer.token, principal: answer.principal, role: answer.role, cnpjs: answer.cnpjs, expiresAt: Date.parse(answer.expiresAt) });
}
