import fs from 'node:fs';
import path from 'node:path';
import type { EdgeRequest, EdgeResponse } from '../../edge/EdgeRequest';
import type { LocalContext } from '../../edge/LocalContext';
import type { LocalService, ServiceHealth } from '../../edge/LocalService';
import { restJsonError } from '../../edge/awsErrors';
import { ApiGatewayControlError, ApiKeyRegistry, type ApiKeyRegistryState, type QuotaSettings, type StoredApiKey, type StoredUsagePlan, type ThrottleSettings } from './ApiKeyRegistry';
import { USAGE_SYNC_PATH, UsageSyncRequestSchema, type UsageSyncResponse } from './usageSync';

const FILE = 'api-keys.json';

type Body = Record<string, unknown>;

/**
 * API Gateway's control plane for API keys and usage plans, as `@aws-sdk/client-api-gateway`
 * speaks it (restJson): CreateApiKey, GetApiKey(s), DeleteApiKey, CreateUsagePlan, GetUsagePlan(s),
 * CreateUsagePlanKey, GetUsagePlanKeys, DeleteUsagePlanKey and GetUsage; persisted under the data
 * directory when there is one. The local gateway enforces what it holds through {@link USAGE_SYNC_PATH}.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Operations.html
 */
export class ApiGatewayControlService implements LocalService {
  readonly name = 'apigateway' as const;
  public readonly registry: ApiKeyRegistry;

  public constructor(private readonly context: LocalContext) {
    const file = context.dataDir === undefined ? undefined : path.join(context.dataDir, FILE);
    const initial = file !== undefined && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ApiKeyRegistryState) : undefined;
    this.registry = new ApiKeyRegistry({ now: () => context.clock.now(), ...(file === undefined ? {} : { onChange: (state) => writeAtomically(file, JSON.stringify(state)) }) }, initial);
  }

  public health(): ServiceHealth {
    return { state: 'running', detail: `${this.registry.keys().length} API keys, ${this.registry.plans().length} usage plans` };
  }

  public async stop(): Promise<void> {
    // Every change is written when it happens.
  }

  public async handle(request: EdgeRequest): Promise<EdgeResponse> {
    try {
      const body = request.body.length === 0 ? {} : (JSON.parse(request.body.toString('utf8')) as Body);
      return this.operation(request.method, request.url, body);
    } catch (error) {
      if (error instanceof ApiGatewayControlError) return restJsonError(error.status, error.type, error.message);
      if (error instanceof SyntaxError) return restJsonError(400, 'BadRequestException', 'Invalid JSON in the request body');
      this.context.logger.error({ err: error, path: request.url.pathname }, 'apigateway failed');
      return restJsonError(500, 'InternalFailureException', 'the local API Gateway failed');
    }
  }

  private operation(method: string, url: URL, body: Body): EdgeResponse {
    const registry = this.registry;
    const query = url.searchParams;
    const parts = url.pathname.split('/').filter((part) => part !== '').map(decodeURIComponent);
    if (method === 'POST' && url.pathname === USAGE_SYNC_PATH) return this.sync(body);
    // Resource ids sit at the odd positions: /apikeys/{id}, /usageplans/{id}/keys/{keyId}.
    const route = `${method} /${parts.map((part, i) => (i % 2 === 1 ? '*' : part)).join('/')}`;
    switch (route) {
      case 'POST /apikeys': {
        const key = registry.createKey({
          name: required(body, 'name'),
          ...textField(body, 'value'),
          ...textField(body, 'description'),
          ...textField(body, 'customerId'),
          ...(typeof body.enabled === 'boolean' ? { enabled: body.enabled } : {}),
          tags: tagsOf(body.tags),
        });
        return json(201, apiKeyJson(key, true));
      }
      case 'GET /apikeys': {
        const keys = registry.keys({ ...queryField(query, 'name', 'nameQuery'), ...queryField(query, 'customerId', 'customerId') });
        return json(200, page(keys.map((key) => apiKeyJson(key, query.get('includeValues') === 'true')), query));
      }
      case 'GET /apikeys/*':
        return json(200, apiKeyJson(registry.key(parts[1] ?? ''), query.get('includeValue') === 'true'));
      case 'DELETE /apikeys/*':
        registry.deleteKey(parts[1] ?? '');
        return { status: 202, headers: { 'content-type': 'application/json' }, body: '' };
      case 'POST /usageplans': {
        const plan = registry.createPlan({ name: required(body, 'name'), ...textField(body, 'description'), ...throttleOf(body.throttle), ...quotaOf(body.quota), tags: tagsOf(body.tags) });
        return json(201, planJson(plan));
      }
      case 'GET /usageplans': {
        const keyId = query.get('keyId');
        return json(200, page(registry.plans(keyId ?? undefined).map(planJson), query));
      }
      case 'GET /usageplans/*':
        return json(200, planJson(registry.plan(parts[1] ?? '')));
      case 'POST /usageplans/*/keys': {
        if (body.keyType !== 'API_KEY') throw new ApiGatewayControlError('BadRequestException', 'keyType must be API_KEY');
        const key = registry.addPlanKey(parts[1] ?? '', required(body, 'keyId'));
        return json(201, { id: key.id, type: 'API_KEY', value: key.value, name: key.name });
      }
      case 'GET /usageplans/*/keys':
        return json(200, page(registry.planKeys(parts[1] ?? '').map((key) => ({ id: key.id, type: 'API_KEY', value: key.value, name: key.name })), query));
      case 'DELETE /usageplans/*/keys/*':
        registry.removePlanKey(parts[1] ?? '', parts[3] ?? '');
        return { status: 202, headers: { 'content-type': 'application/json' }, body: '' };
      case 'GET /usageplans/*/usage': {
        const startDate = query.get('startDate') ?? '';
        const endDate = query.get('endDate') ?? '';
        const values = registry.usage(parts[1] ?? '', startDate, endDate, query.get('keyId') ?? undefined);
        return json(200, { usagePlanId: parts[1], startDate, endDate, values });
      }
      default:
        throw new ApiGatewayControlError('NotFoundException', `the local API Gateway does not implement ${method} ${url.pathname}`);
    }
  }

  /** The local gateway's counts in, the keys it may let in out. */
  private sync(body: Body): EdgeResponse {
    const parsed = UsageSyncRequestSchema.safeParse(body);
    if (!parsed.success) throw new ApiGatewayControlError('BadRequestException', parsed.error.message);
    for (const count of parsed.data.counts) this.registry.record(count.keyId, count.requests, count.at);
    const answer: UsageSyncResponse = { keys: this.registry.served() };
    return json(200, answer);
  }
}

/** The local API Gateway control plane, reloaded from the data directory when there is one. */
export async function createApiGatewayControlService(context: LocalContext): Promise<ApiGatewayControlService> {
  return new ApiGatewayControlService(context);
}

function json(status: number, value: unknown): EdgeResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** A page of a listing: `item` and, when more follow, `position` (API Gateway's list shape). */
function page(items: unknown[], query: URLSearchParams): Body {
  const start = Number(query.get('position') ?? '0') || 0;
  const limit = Math.min(500, Math.max(1, Number(query.get('limit') ?? '25') || 25));
  const next = start + limit < items.length ? String(start + limit) : undefined;
  return { item: items.slice(start, start + limit), ...(next !== undefined ? { position: next } : {}) };
}

function apiKeyJson(key: StoredApiKey, withValue: boolean): Body {
  const { value, createdDate, lastUpdatedDate, ...rest } = key;
  return { ...rest, ...(withValue ? { value } : {}), createdDate: createdDate / 1000, lastUpdatedDate: lastUpdatedDate / 1000, stageKeys: [] };
}

function planJson(plan: StoredUsagePlan): Body {
  return { ...plan, apiStages: [] };
}

function required(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new ApiGatewayControlError('BadRequestException', `${field} is required`);
  return value;
}

function textField<K extends string>(body: Body, field: K): { [P in K]?: string } {
  const value = body[field];
  return (typeof value === 'string' ? { [field]: value } : {}) as { [P in K]?: string };
}

function queryField<K extends string>(query: URLSearchParams, name: string, as: K): { [P in K]?: string } {
  const value = query.get(name);
  return (value !== null ? { [as]: value } : {}) as { [P in K]?: string };
}

function tagsOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function throttleOf(value: unknown): { throttle?: ThrottleSettings } {
  if (typeof value !== 'object' || value === null) return {};
  const { rateLimit, burstLimit } = value as Body;
  if (typeof rateLimit !== 'number' || typeof burstLimit !== 'number') throw new ApiGatewayControlError('BadRequestException', 'throttle needs rateLimit and burstLimit');
  return { throttle: { rateLimit, burstLimit } };
}

function quotaOf(value: unknown): { quota?: QuotaSettings } {
  if (typeof value !== 'object' || value === null) return {};
  const { limit, offset, period } = value as Body;
  if (typeof limit !== 'number' || (period !== 'DAY' && period !== 'WEEK' && period !== 'MONTH')) throw new ApiGatewayControlError('BadRequestException', 'quota needs a limit and a period of DAY, WEEK or MONTH');
  return { quota: { limit, offset: typeof offset === 'number' ? offset : 0, period } };
}

/** Replaces `file` whole: a crash leaves the old or the new content, never half of one. */
function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content, { mode: 0o600 });
  fs.renameSync(temporary, file);
}
