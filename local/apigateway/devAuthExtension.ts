import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { API_SCOPES, APP_CLIENT_SCOPES } from '../../contracts/apiScopes';
import { CnpjSchema } from '../../contracts/fields';
import { RoleSchema, type TenantGrant } from '../../contracts/tenantGrant';
import type { LocalExtension } from './LocalApiGateway';
import { ValidationError } from '../../tasks/shared/errors';
import { fieldErrorMap } from '../../tasks/shared/fieldErrorMap';
import type { LocalGrants } from './LocalGrants';
import type { LocalJwtIssuer } from './LocalJwtIssuer';

/** `POST /local/token` body: who to sign a token for and what to grant them. */
export const DevTokenRequestSchema = z.strictObject({
  /** @default a principal of its own, `dev-{role}-{random}` */
  sub: z.string().regex(/^[\w.@:-]{1,128}$/, 'must be 1-128 letters, digits or . @ : - _').optional(),
  cnpjs: z.array(CnpjSchema).min(1, 'grant at least one CNPJ'),
  /** @default 'client' */
  role: RoleSchema.default('client'),
  /** @default 3600 */
  ttlSeconds: z
    .number()
    .int()
    .min(60, 'a token lives at least 60 s (1m)')
    .max(30 * 24 * 3600, 'a token lives at most 30 days')
    .default(3600),
  /** A machine client (client credentials) rather than a person. @default false */
  machine: z.boolean().default(false),
  /** The API scopes the access token carries. @default all its app client may be given (a machine client never gets ops) */
  scopes: z.array(z.enum(API_SCOPES)).min(1).optional(),
}).refine((request) => !request.machine || (request.scopes ?? []).every((scope) => (APP_CLIENT_SCOPES.machine as readonly string[]).includes(scope)), {
  message: `a machine client may be given ${APP_CLIENT_SCOPES.machine.join(', ')} only`,
  path: ['scopes'],
});
export type DevTokenRequest = z.infer<typeof DevTokenRequestSchema>;

/** Options of {@link devAuthExtension}. */
export interface DevAuthOptions {
  readonly issuer: LocalJwtIssuer;
  readonly tenantsTable: string;
  readonly apiKey: string;
  readonly endpoint: string;
  /** Where the grants it writes are kept too, so they outlive tables in memory. */
  readonly grants: LocalGrants;
}

/**
 * What only the local gateway serves: its JWKS, and a dev token endpoint that plays the part of
 * Cognito sign-in plus the administrator who grants CNPJs (writes TENANTS_TABLE, and keeps the
 * grant beside the signing key). It issues what Cognito would: a person's access token from the
 * console client, or a machine client's. Without `sub` each token gets a principal of its own, so
 * it never replaces another token's grant (the banner's `dev-client` among them).
 */
export function devAuthExtension(options: DevAuthOptions): LocalExtension {
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: options.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }));
  return async (req, url, body) => {
    if (req.method === 'GET' && url.pathname === '/.well-known/jwks.json') return { status: 200, body: options.issuer.jwks() };
    if (req.method !== 'POST' || url.pathname !== '/local/token') return undefined;
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8') || '{}');
    } catch {
      return { status: 400, body: { message: 'Request body is not valid JSON', code: 'ValidationFailed' } };
    }
    const parsed = DevTokenRequestSchema.safeParse(json, { error: fieldErrorMap });
    if (!parsed.success) {
      const refusal = ValidationError.fromZod(parsed.error);
      return { status: 400, body: { message: refusal.message, code: refusal.code, errors: [...refusal.errors] } };
    }
    const request = parsed.data;
    const principal = request.sub ?? `dev-${request.role}-${randomBytes(4).toString('hex')}`;
    const grant: TenantGrant = { principal, cnpjs: request.cnpjs, role: request.role, ...(request.role === 'ops' ? { allCompanies: true } : {}), updatedAt: new Date().toISOString() };
    await ddb.send(new PutCommand({ TableName: options.tenantsTable, Item: grant }));
    await options.grants.keep(grant);
    const token = await options.issuer.sign({ sub: principal, groups: [request.role], ttlSeconds: request.ttlSeconds, machine: request.machine, ...(request.scopes !== undefined ? { scopes: request.scopes } : {}) });
    return { status: 200, body: { token, principal, role: request.role, cnpjs: request.cnpjs, apiKey: options.apiKey, expiresAt: new Date(Date.now() + request.ttlSeconds * 1000).toISOString() } };
  };
}
