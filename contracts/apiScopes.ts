/** The Cognito resource server of the API: its scopes appear in a token as `nfse/invoices.write`. */
export const RESOURCE_SERVER_ID = 'nfse';

/** The API's OAuth scopes (resource server scopes in Cognito). */
export const API_SCOPES = {
  read: 'invoices.read',
  write: 'invoices.write',
  /** Managing companies and their certificates (a tenant's admins, and ops). */
  admin: 'companies.admin',
  ops: 'ops',
} as const;
export type ApiScope = (typeof API_SCOPES)[keyof typeof API_SCOPES];

/** The scope as it appears in an access token's `scope` claim and in a method's `AuthorizationScopes`. */
export function fullScope(scope: ApiScope): string {
  return `${RESOURCE_SERVER_ID}/${scope}`;
}

/**
 * The app clients of the user pool and the OAuth scopes each may be given: the console (people,
 * code flow; also `openid` and `email`) and machine clients (client credentials: invoices only, never company administration or ops). The
 * CDK app configures its Cognito clients from this, and the local issuer signs the same scopes.
 */
export const APP_CLIENT_SCOPES = {
  console: [API_SCOPES.read, API_SCOPES.write, API_SCOPES.admin, API_SCOPES.ops],
  machine: [API_SCOPES.read, API_SCOPES.write],
} as const satisfies Record<string, readonly ApiScope[]>;
export type AppClientKind = keyof typeof APP_CLIENT_SCOPES;
