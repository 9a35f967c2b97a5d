import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanCommand, CreateUsagePlanKeyCommand, GetApiKeysCommand, GetUsagePlansCommand, type ApiKey, type UsagePlan } from '@aws-sdk/client-api-gateway';
import { API_KEY_TAGS } from '../../contracts/apiKey';
import { USAGE_PLAN_NAMES, USAGE_PLANS, usagePlanNameOf, type UsagePlanIds, type UsagePlanName } from '../../contracts/usagePlans';
import { localClientApiKey } from './authMaterial';

/** The throttle of the console's and the CLI's plan (`platform`), and the clock the gateway throttles by. */
export interface UsagePlanOptions {
  /** @default the platform plan's */
  readonly ratePerSecond?: number;
  /** @default the platform plan's */
  readonly burst?: number;
  /** In-process only (tests drive the buckets). @default Date.now */
  readonly now?: () => number;
}

/** The app's usage plans and its own clients' keys. */
export interface LocalApiKeys {
  readonly usagePlanIds: UsagePlanIds;
  /** The CLI's key (`nfse`, curl, scripts): what `npm start` prints and `/local/token` answers. */
  readonly cli: string;
  /** The console's key, in its `/config.json`. */
  readonly console: string;
}

/** Options of {@link ensureLocalApiKeys}. */
export interface LocalApiKeysOptions {
  readonly endpoint: string;
  /** Resource name prefix: the plans are `{prefix}-{plan}`. */
  readonly prefix: string;
  /** Where the first-party keys' values are kept across restarts. */
  readonly authDir: string;
  /** @default the platform plan's throttle */
  readonly platform?: Pick<UsagePlanOptions, 'ratePerSecond' | 'burst'>;
}

/**
 * What the CDK app creates in AWS, on the local cloud's API Gateway: a usage plan per plan of
 * `contracts/usagePlans.ts`, and a key each for the console and the CLI on the platform plan (their
 * values kept in `authDir`, so a printed curl keeps working after a restart). Idempotent.
 */
export async function ensureLocalApiKeys(options: LocalApiKeysOptions): Promise<LocalApiKeys> {
  const client = new APIGatewayClient({ endpoint: options.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    const usagePlanIds = await ensurePlans(client, options);
    const existing = await everyKey(client);
    const key = async (app: 'cli' | 'console'): Promise<string> => {
      const value = await localClientApiKey(options.authDir, app);
      if (existing.some((candidate) => candidate.value === value)) return value;
      const created = await client.send(
        new CreateApiKeyCommand({
          name: `${options.prefix}-${app}`,
          description: `nfse-flow's ${app}`,
          enabled: true,
          value,
          tags: { [API_KEY_TAGS.app]: app, [API_KEY_TAGS.usagePlanId]: usagePlanIds.platform, [API_KEY_TAGS.prefix]: value.slice(0, 12) },
        }),
      );
      await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: usagePlanIds.platform, keyId: created.id, keyType: 'API_KEY' }));
      return value;
    };
    return { usagePlanIds, cli: await key('cli'), console: await key('console') };
  } finally {
    client.destroy();
  }
}

async function ensurePlans(client: APIGatewayClient, options: LocalApiKeysOptions): Promise<UsagePlanIds> {
  const plans: UsagePlan[] = [];
  let position: string | undefined;
  do {
    const page = await client.send(new GetUsagePlansCommand({ limit: 500, ...(position !== undefined ? { position } : {}) }));
    plans.push(...(page.items ?? []));
    position = page.position;
  } while (position !== undefined);
  const ids = {} as Record<UsagePlanName, string>;
  for (const name of USAGE_PLAN_NAMES) {
    const planName = usagePlanNameOf(options.prefix, name);
    const found = plans.find((plan) => plan.name === planName)?.id;
    if (found !== undefined) {
      ids[name] = found;
      continue;
    }
    const plan = USAGE_PLANS[name];
    const throttle = name === 'platform' ? { rateLimit: options.platform?.ratePerSecond ?? plan.throttle.rateLimit, burstLimit: options.platform?.burst ?? plan.throttle.burstLimit } : plan.throttle;
    const created = await client.send(new CreateUsagePlanCommand({ name: planName, description: plan.description, throttle, quota: { ...plan.quota, offset: 0 } }));
    ids[name] = created.id ?? '';
  }
  return ids;
}

async function everyKey(client: APIGatewayClient): Promise<ApiKey[]> {
  const keys: ApiKey[] = [];
  let position: string | undefined;
  do {
    const page = await client.send(new GetApiKeysCommand({ includeValues: true, limit: 500, ...(position !== undefined ? { position } : {}) }));
    keys.push(...(page.items ?? []));
    position = page.position;
  } while (position !== undefined);
  return keys;
}
