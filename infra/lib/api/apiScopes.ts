/** The Cognito resource server of the API and its scopes (`nfse/invoices.write` in a token). */
export const RESOURCE_SERVER_ID = 'nfse';

export const API_SCOPES = {
  read: 'invoices.read',
  write: 'invoices.write',
  ops: 'ops',
} as const;
export type ApiScope = (typeof API_SCOPES)[keyof typeof API_SCOPES];

/** The scope as it appears in an access token's `scope` claim. */
export function fullScope(scope: ApiScope): string {
  return `${RESOURCE_SERVER_ID}/${scope}`;
}
