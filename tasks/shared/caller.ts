import type { APIGatewayProxyEvent } from 'aws-lambda';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TenantGrantSchema, type Role, type TenantGrant } from '../../contracts/tenantGrant';
import { ENV } from '../../contracts/wiring';
import { ForbiddenError, UnauthorizedError } from './errors';
import { GrantCache, grantCacheKey } from './grantCache';
import { logger } from './logger';

/** Who is calling (from the verified token) and what they may do (from TENANTS_TABLE). */
export interface Caller {
  readonly principal: string;
  readonly grant: TenantGrant;
}

/**
 * The principal of a request: `sub` for people, `client_id` for machine clients. The gateway's
 * Cognito authorizer (or the local gateway) verified the token; handlers never verify it again.
 */
export function principalOf(event: Pick<APIGatewayProxyEvent, 'requestContext'>): string {
  const claims = claimsOf(event);
  // Cognito's client-credentials tokens carry sub = client_id; people's tokens carry their sub.
  const principal = claims.sub ?? claims.client_id;
  if (typeof principal !== 'string' || principal === '') throw new UnauthorizedError();
  return principal;
}

function claimsOf(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Record<string, unknown> {
  return (event.requestContext?.authorizer?.claims ?? {}) as Record<string, unknown>;
}

let grants: GrantCache | undefined;

/** Loads the caller's grant (kept briefly, see {@link GrantCache}); a principal with none may do nothing (403). */
export async function loadCaller(event: Pick<APIGatewayProxyEvent, 'requestContext'>, ddb: DynamoDBDocumentClient, tenantsTable: string): Promise<Caller> {
  const principal = principalOf(event);
  grants ??= GrantCache.fromEnv();
  const key = `${tenantsTable}#${grantCacheKey(principal, claimsOf(event))}`;
  const cached = grants.get(key);
  if (cached !== undefined) return { principal, grant: cached };
  const { Item } = await ddb.send(new GetCommand({ TableName: tenantsTable, Key: { principal } }));
  if (Item === undefined) throw new ForbiddenError(`Principal ${principal} has no grant: ${noGrantHelp(principal)}`);
  const parsed = TenantGrantSchema.safeParse(Item);
  if (!parsed.success) {
    // E.g. an ops grant limited to some companies: ops is all-companies by contract, never trusted half-way.
    logger.warn('grant refused: it does not match the TenantGrant contract', { principal, issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) });
    throw new ForbiddenError("This caller's grant is not valid: ask an administrator to correct it");
  }
  grants.set(key, parsed.data);
  return { principal, grant: parsed.data };
}

/** How a principal without a grant gets one, where the environment says (locally: the `nfse token` line). */
function noGrantHelp(principal: string): string {
  return (process.env[ENV.NoGrantHelp] ?? 'ask an administrator for access').replaceAll('{principal}', principal);
}

/** True when the caller may see or act on this company's invoices. */
export function mayAccessCompany(caller: Caller, cnpj: string): boolean {
  return caller.grant.allCompanies === true || caller.grant.cnpjs.includes(cnpj);
}

/** 403 unless the caller has one of these roles. */
export function requireRole(caller: Caller, roles: readonly Role[], action: string): void {
  if (!roles.includes(caller.grant.role)) throw new ForbiddenError(`Role '${caller.grant.role}' may not ${action}`);
}
