import { randomBytes } from 'node:crypto';
import { CreateApiKeyCommand, CreateUsagePlanKeyCommand, DeleteApiKeyCommand, GetApiKeyCommand, GetApiKeysCommand, GetUsagePlansCommand, NotFoundException, type APIGatewayClient, type ApiKey } from '@aws-sdk/client-api-gateway';
import { API_KEY_TAGS, ApiKeyTagsSchema, type ApiKeyView, type CreateApiKeyRequest, type CreatedApiKey, type ListApiKeysResponse, type RevokedApiKey } from '../../contracts/apiKey';
import { USAGE_PLAN_NAMES, usagePlanNameOf, type UsagePlanIds, type UsagePlanName } from '../../contracts/usagePlans';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';

/** What the key operations talk to. */
export interface ApiKeyDeps {
  readonly apigateway: APIGatewayClient;
  /** The usage plan of each plan (`USAGE_PLAN_IDS`). */
  readonly usagePlanIds: UsagePlanIds;
  readonly now: () => Date;
  /** @default node's randomBytes */
  readonly randomBytes?: (size: number) => Buffer;
}

/** The first characters of a value a list shows, to tell keys apart. */
const PREFIX_LENGTH = 12;

/** The ids of this deployment's usage plans, found by their names (`{prefix}-{plan}`); one missing fails loudly. */
export async function findUsagePlanIds(apigateway: APIGatewayClient, prefix: string): Promise<UsagePlanIds> {
  const ids = new Map<string, string>();
  let position: string | undefined;
  do {
    const page = await apigateway.send(new GetUsagePlansCommand({ limit: 500, ...(position !== undefined ? { position } : {}) }));
    for (const plan of page.items ?? []) if (plan.name !== undefined && plan.id !== undefined) ids.set(plan.name, plan.id);
    position = page.position;
  } while (position !== undefined);
  const found = {} as Record<UsagePlanName, string>;
  for (const plan of USAGE_PLAN_NAMES) {
    const id = ids.get(usagePlanNameOf(prefix, plan));
    if (id === undefined) throw new Error(`usage plan ${usagePlanNameOf(prefix, plan)} not found: the deployment creates one per plan of contracts/usagePlans.ts`);
    found[plan] = id;
  }
  return found;
}

/** A key of this deployment (one of its usage plans), as the API shows it; undefined for anyone else's key. */
export function viewOf(deps: Pick<ApiKeyDeps, 'usagePlanIds'>, key: ApiKey): ApiKeyView | undefined {
  const tags = ApiKeyTagsSchema.safeParse(key.tags ?? {});
  if (!tags.success || key.id === undefined) return undefined;
  const plan = (Object.keys(deps.usagePlanIds) as UsagePlanName[]).find((name) => deps.usagePlanIds[name] === tags.data[API_KEY_TAGS.usagePlanId]);
  if (plan === undefined) return undefined;
  const cnpjs = tags.data[API_KEY_TAGS.cnpjs];
  return {
    id: key.id,
    name: tags.data[API_KEY_TAGS.app],
    plan,
    cnpjs: cnpjs === undefined || cnpjs === '' ? [] : cnpjs.split(' '),
    prefix: tags.data[API_KEY_TAGS.prefix],
    createdAt: (key.createdDate ?? new Date(0)).toISOString(),
    createdBy: tags.data[API_KEY_TAGS.createdBy] ?? 'nfse-flow',
  };
}

/** A tenant's key the caller administers: every company it names is in the caller's grant. */
function administers(caller: Caller, key: ApiKeyView): boolean {
  return key.cnpjs.length > 0 && key.cnpjs.every((cnpj) => mayAccessCompany(caller, cnpj));
}

/** The tenants' keys of this deployment the caller administers, oldest first. */
export async function listApiKeys(deps: ApiKeyDeps, caller: Caller): Promise<ListApiKeysResponse> {
  const items: ApiKeyView[] = [];
  let position: string | undefined;
  do {
    const page = await deps.apigateway.send(new GetApiKeysCommand({ limit: 500, ...(position !== undefined ? { position } : {}) }));
    for (const key of page.items ?? []) {
      const view = viewOf(deps, key);
      if (view !== undefined && administers(caller, view)) items.push(view);
    }
    position = page.position;
  } while (position !== undefined);
  return { items: items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)) };
}

/**
 * Creates a key for one client application of the caller's tenant, enabled and in the plan's
 * usage plan; its value is answered this once (API Gateway keeps it, we keep only its prefix).
 * A key left outside its plan (the second call failed) is deleted: API Gateway would refuse it anyway.
 */
export async function createApiKey(deps: ApiKeyDeps, caller: Caller, request: CreateApiKeyRequest): Promise<CreatedApiKey> {
  const cnpjs = request.cnpjs ?? caller.grant.cnpjs;
  if (cnpjs.length === 0) throw new ValidationError('cnpjs is required: the caller’s grant names no company', [{ field: 'cnpjs', message: 'is required: name the companies the key is for' }]);
  const foreign = cnpjs.filter((cnpj) => !mayAccessCompany(caller, cnpj));
  if (foreign.length > 0) throw new ValidationError(`cnpjs names companies not granted to the caller: ${foreign.join(', ')}`, [{ field: 'cnpjs', message: `not granted to the caller: ${foreign.join(', ')}` }]);
  const taken = (await listApiKeys(deps, caller)).items.find((key) => key.name === request.name && key.cnpjs.some((cnpj) => cnpjs.includes(cnpj)));
  if (taken !== undefined) throw new ConflictError('ApiKeyNameTaken', `The tenant already has a key named '${request.name}' (${taken.id}): revoke it first or choose another name`);

  const value = `nfse${(deps.randomBytes ?? randomBytes)(20).toString('hex')}`;
  const usagePlanId = deps.usagePlanIds[request.plan];
  const created = await deps.apigateway.send(
    new CreateApiKeyCommand({
      name: `${request.name} (${cnpjs[0] ?? ''})`,
      description: `nfse-flow key of ${cnpjs.join(', ')} for ${request.name}`,
      enabled: true,
      value,
      tags: {
        [API_KEY_TAGS.app]: request.name,
        [API_KEY_TAGS.usagePlanId]: usagePlanId,
        [API_KEY_TAGS.cnpjs]: cnpjs.join(' '),
        [API_KEY_TAGS.prefix]: value.slice(0, PREFIX_LENGTH),
        [API_KEY_TAGS.createdBy]: caller.principal,
      },
    }),
  );
  const id = created.id ?? '';
  try {
    await deps.apigateway.send(new CreateUsagePlanKeyCommand({ usagePlanId, keyId: id, keyType: 'API_KEY' }));
  } catch (error) {
    await deps.apigateway.send(new DeleteApiKeyCommand({ apiKey: id }));
    throw error;
  }
  const view = viewOf(deps, created);
  if (view === undefined) throw new Error(`API key ${id} was created without the tags it was given`);
  return { ...view, value };
}

/** Revokes (deletes) a key the caller administers; unknown or another tenant's is the same 404. */
export async function revokeApiKey(deps: ApiKeyDeps, caller: Caller, id: string): Promise<RevokedApiKey> {
  const notFound = new NotFoundError(`API key ${id} not found`);
  let key: ApiKey;
  try {
    key = await deps.apigateway.send(new GetApiKeyCommand({ apiKey: id }));
  } catch (error) {
    if (error instanceof NotFoundException) throw notFound;
    throw error;
  }
  const view = viewOf(deps, key);
  if (view === undefined || !administers(caller, view)) throw notFound;
  try {
    await deps.apigateway.send(new DeleteApiKeyCommand({ apiKey: id }));
  } catch (error) {
    if (error instanceof NotFoundException) throw notFound;
    throw error;
  }
  return { ...view, revokedAt: deps.now().toISOString() };
}
