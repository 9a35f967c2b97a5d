import { randomBytes } from 'node:crypto';
import { quotaPeriodStart, usageDay, type QuotaPeriod } from '../quotaPeriod';

/** An API key as API Gateway keeps it. */
export interface StoredApiKey {
  readonly id: string;
  readonly value: string;
  readonly name: string;
  readonly description?: string;
  readonly customerId?: string;
  readonly enabled: boolean;
  /** Epoch ms. */
  readonly createdDate: number;
  readonly lastUpdatedDate: number;
  readonly tags: Readonly<Record<string, string>>;
}

export interface ThrottleSettings {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface QuotaSettings {
  readonly limit: number;
  readonly offset: number;
  readonly period: QuotaPeriod;
}

/** A usage plan: the throttle and quota every key in it gets. */
export interface StoredUsagePlan {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly throttle?: ThrottleSettings;
  readonly quota?: QuotaSettings;
  readonly tags: Readonly<Record<string, string>>;
}

/** Everything the registry holds, as it is persisted. */
export interface ApiKeyRegistryState {
  readonly keys: StoredApiKey[];
  readonly plans: StoredUsagePlan[];
  readonly planKeys: Array<{ readonly planId: string; readonly keyId: string }>;
  /** Requests let through, by `{planId}/{keyId}`, then by UTC day. */
  readonly usage: Record<string, Record<string, number>>;
}

/** A key the data plane may let in, with its plan's limits and what it used of its quota so far. */
export interface ServedApiKey {
  readonly id: string;
  readonly value: string;
  readonly planId: string;
  readonly throttle?: ThrottleSettings;
  readonly quota?: QuotaSettings;
  /** Requests counted in the current quota period. */
  readonly used: number;
}

/** An API Gateway error: its type (`NotFoundException`) and status. */
export class ApiGatewayControlError extends Error {
  public constructor(
    public readonly type: 'NotFoundException' | 'ConflictException' | 'BadRequestException',
    message: string,
  ) {
    super(message);
    this.name = 'ApiGatewayControlError';
  }

  public get status(): number {
    return this.type === 'NotFoundException' ? 404 : this.type === 'ConflictException' ? 409 : 400;
  }
}

/** Options of {@link ApiKeyRegistry}. */
export interface ApiKeyRegistryOptions {
  /** @default Date.now */
  readonly now?: () => number;
  /** @default 10 random lower-case letters and digits, as API Gateway's ids */
  readonly newId?: () => string;
  /** Called with the whole state after every change (persistence). @default none */
  readonly onChange?: (state: ApiKeyRegistryState) => void;
}

/**
 * API Gateway's API keys, usage plans, their keys and the usage counted against them: what the
 * control plane serves (CreateApiKey, CreateUsagePlanKey, GetUsage, ...) and the local gateway
 * enforces. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */
export class ApiKeyRegistry {
  private readonly state: ApiKeyRegistryState;
  private readonly now: () => number;
  private readonly newId: () => string;

  public constructor(
    private readonly options: ApiKeyRegistryOptions = {},
    initial?: ApiKeyRegistryState,
  ) {
    this.state = initial ?? { keys: [], plans: [], planKeys: [], usage: {} };
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? defaultId;
  }

  public createKey(input: { name: string; value?: string; description?: string; customerId?: string; enabled?: boolean; tags?: Record<string, string> }): StoredApiKey {
    const value = input.value ?? randomBytes(30).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 40);
    if (!/^[A-Za-z0-9]{20,128}$/.test(value)) throw new ApiGatewayControlError('BadRequestException', 'API Key value should be at least 20 characters');
    if (this.state.keys.some((key) => key.value === value)) throw new ApiGatewayControlError('ConflictException', 'API Key already exists');
    const now = this.now();
    const key: StoredApiKey = {
      id: this.newId(),
      value,
      name: input.name,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.customerId !== undefined ? { customerId: input.customerId } : {}),
      // API Gateway creates a disabled key unless asked otherwise.
      enabled: input.enabled ?? false,
      createdDate: now,
      lastUpdatedDate: now,
      tags: input.tags ?? {},
    };
    this.state.keys.push(key);
    this.changed();
    return key;
  }

  public key(id: string): StoredApiKey {
    const key = this.state.keys.find((candidate) => candidate.id === id);
    if (key === undefined) throw new ApiGatewayControlError('NotFoundException', 'Invalid API Key identifier specified');
    return key;
  }

  public keys(filter: { nameQuery?: string; customerId?: string } = {}): StoredApiKey[] {
    return this.state.keys.filter((key) => (filter.nameQuery === undefined || key.name.startsWith(filter.nameQuery)) && (filter.customerId === undefined || key.customerId === filter.customerId));
  }

  /** Deletes the key and its usage plan memberships (its counted usage stays, as in API Gateway). */
  public deleteKey(id: string): void {
    this.key(id);
    this.state.keys.splice(this.state.keys.findIndex((key) => key.id === id), 1);
    const kept = this.state.planKeys.filter((entry) => entry.keyId !== id);
    this.state.planKeys.splice(0, this.state.planKeys.length, ...kept);
    this.changed();
  }

  public createPlan(input: { name: string; description?: string; throttle?: ThrottleSettings; quota?: QuotaSettings; tags?: Record<string, string> }): StoredUsagePlan {
    const plan: StoredUsagePlan = { id: this.newId(), name: input.name, ...optional('description', input.description), ...optional('throttle', input.throttle), ...optional('quota', input.quota), tags: input.tags ?? {} };
    this.state.plans.push(plan);
    this.changed();
    return plan;
  }

  public plan(id: string): StoredUsagePlan {
    const plan = this.state.plans.find((candidate) => candidate.id === id);
    if (plan === undefined) throw new ApiGatewayControlError('NotFoundException', 'Invalid Usage Plan ID specified');
    return plan;
  }

  /** Every plan, or the plans `keyId` is in. */
  public plans(keyId?: string): StoredUsagePlan[] {
    if (keyId === undefined) return [...this.state.plans];
    const ids = new Set(this.state.planKeys.filter((entry) => entry.keyId === keyId).map((entry) => entry.planId));
    return this.state.plans.filter((plan) => ids.has(plan.id));
  }

  public addPlanKey(planId: string, keyId: string): StoredApiKey {
    this.plan(planId);
    const key = this.key(keyId);
    if (this.state.planKeys.some((entry) => entry.planId === planId && entry.keyId === keyId)) throw new ApiGatewayControlError('ConflictException', 'Usage Plan already contains specified API key');
    this.state.planKeys.push({ planId, keyId });
    this.changed();
    return key;
  }

  public planKeys(planId: string): StoredApiKey[] {
    this.plan(planId);
    const ids = new Set(this.state.planKeys.filter((entry) => entry.planId === planId).map((entry) => entry.keyId));
    return this.state.keys.filter((key) => ids.has(key.id));
  }

  public removePlanKey(planId: string, keyId: string): void {
    const index = this.state.planKeys.findIndex((entry) => entry.planId === planId && entry.keyId === keyId);
    if (index < 0) throw new ApiGatewayControlError('NotFoundException', 'Invalid API Key identifier specified');
    this.state.planKeys.splice(index, 1);
    this.changed();
  }

  /** Counts requests the gateway let through with `keyId` on the day of `at`, in every plan the key is in. */
  public record(keyId: string, requests: number, at: number): void {
    const day = usageDay(at);
    for (const plan of this.plans(keyId)) {
      const days = (this.state.usage[`${plan.id}/${keyId}`] ??= {});
      days[day] = (days[day] ?? 0) + requests;
    }
    this.changed();
  }

  /**
   * GetUsage: per key, one `[used, remaining]` per day from `startDate` to `endDate`, remaining
   * being what the quota left at the end of that day.
   * https://docs.aws.amazon.com/apigateway/latest/api/API_GetUsage.html
   */
  public usage(planId: string, startDate: string, endDate: string, keyId?: string): Record<string, Array<[number, number]>> {
    const plan = this.plan(planId);
    const days = daysBetween(startDate, endDate);
    const keys = this.planKeys(planId).filter((key) => keyId === undefined || key.id === keyId);
    return Object.fromEntries(
      keys.map((key) => {
        const counted = this.state.usage[`${planId}/${key.id}`] ?? {};
        return [key.id, days.map((day): [number, number] => [counted[day] ?? 0, plan.quota === undefined ? 0 : Math.max(0, plan.quota.limit - this.usedInPeriod(plan, key.id, Date.parse(`${day}T23:59:59.999Z`)))])];
      }),
    );
  }

  /** The enabled keys that are in a plan, with their limits and usage as of now: what the gateway enforces. */
  public served(): ServedApiKey[] {
    const now = this.now();
    return this.state.planKeys.flatMap(({ planId, keyId }) => {
      const key = this.state.keys.find((candidate) => candidate.id === keyId);
      const plan = this.state.plans.find((candidate) => candidate.id === planId);
      if (key === undefined || plan === undefined || !key.enabled) return [];
      return [{ id: key.id, value: key.value, planId, ...optional('throttle', plan.throttle), ...optional('quota', plan.quota), used: this.usedInPeriod(plan, key.id, now) }];
    });
  }

  public snapshot(): ApiKeyRegistryState {
    return this.state;
  }

  private usedInPeriod(plan: StoredUsagePlan, keyId: string, at: number): number {
    if (plan.quota === undefined) return 0;
    const from = usageDay(quotaPeriodStart(plan.quota.period, plan.quota.offset, at));
    const to = usageDay(at);
    const counted = this.state.usage[`${plan.id}/${keyId}`] ?? {};
    return Object.entries(counted).reduce((sum, [day, requests]) => (day >= from && day <= to ? sum + requests : sum), 0);
  }

  private changed(): void {
    this.options.onChange?.(this.state);
  }
}

function defaultId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
}

function daysBetween(startDate: string, endDate: string): string[] {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const end = Date.parse(`${endDate}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) throw new ApiGatewayControlError('BadRequestException', 'The usage data period is invalid: startDate and endDate must be yyyy-MM-dd, startDate not after endDate');
  if ((end - start) / 86_400_000 > 90) throw new ApiGatewayControlError('BadRequestException', 'The usage data period must not be longer than 90 days');
  const days: string[] = [];
  for (let at = start; at <= end; at += 86_400_000) days.push(usageDay(at));
  return days;
}
