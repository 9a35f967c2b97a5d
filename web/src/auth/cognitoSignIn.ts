import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { ConsoleAuth } from '../../../contracts/consoleConfig';
import type { Role } from '../../../contracts/tenantGrant';
import { signIn } from './session';

type CognitoAuth = Extract<ConsoleAuth, { kind: 'cognito' }>;

let manager: UserManager | undefined;

/**
 * Cognito's Hosted UI, OAuth code flow with PKCE (oidc-client-ts). Tokens stay in memory; only
 * the short-lived PKCE state crosses the redirect, in sessionStorage, as the library needs.
 */
function managerFor(auth: CognitoAuth): UserManager {
  manager ??= new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: `${window.location.origin}/callback`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: auth.scopes,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: false,
  });
  return manager;
}

/** Sends the browser to the Hosted UI. */
export async function startCognitoSignIn(auth: CognitoAuth): Promise<void> {
  await managerFor(auth).signinRedirect({ state: window.location.pathname === '/callback' ? '/' : window.location.pathname });
}

/** The role a user's Cognito groups give: ops over admin over viewer over client. */
function roleOf(user: User): Role {
  const groups = (user.profile['cognito:groups'] as string[] | undefined) ?? [];
  if (groups.includes('ops')) return 'ops';
  if (groups.includes('admin')) return 'admin';
  if (groups.includes('viewer')) return 'viewer';
  return 'client';
}

/** Completes the redirect at `/callback` and returns where the user was going. */
export async function completeCognitoSignIn(auth: CognitoAuth): Promise<string> {
  const user = await managerFor(auth).signinRedirectCallback();
  // The API authorizes with the access token (scopes); the companies come from the grant server-side.
  signIn({ token: user.access_token, principal: user.profile.sub, role: roleOf(user), cnpjs: [], expiresAt: (user.expires_at ?? 0) * 1000 });
  return typeof user.state === 'string' ? user.state : '/';
}
