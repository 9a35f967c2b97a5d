import { z } from 'zod';

/**
 * The usage plans API keys are tied to: each key's throttle (steady requests a second, and the
 * burst its bucket holds) and its quota of requests a month. Configuration, not code: the CDK app
 * creates one API Gateway usage plan from each, the local cloud the same, and `POST /api-keys`
 * offers the ones marked `offered`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */
export const USAGE_PLANS = {
  starter: {
    description: 'A first integration: 5 requests a second (bursts of 10), 10,000 requests a month',
    throttle: { rateLimit: 5, burstLimit: 10 },
    quota: { limit: 10_000, period: 'MONTH' },
    offered: true,
  },
  business: {
    description: 'Production integrations: 50 requests a second (bursts of 100), 200,000 requests a month',
    throttle: { rateLimit: 50, burstLimit: 100 },
    quota: { limit: 200_000, period: 'MONTH' },
    offered: true,
  },
  platform: {
    description: "nfse-flow's own clients, the console and the CLI: 100 requests a second (bursts of 200), 1,000,000 a month",
    throttle: { rateLimit: 100, burstLimit: 200 },
    quota: { limit: 1_000_000, period: 'MONTH' },
    offered: false,
  },
} as const;

export const USAGE_PLAN_NAMES = ['starter', 'business', 'platform'] as const satisfies ReadonlyArray<keyof typeof USAGE_PLANS>;
export const UsagePlanNameSchema = z.enum(USAGE_PLAN_NAMES);
export type UsagePlanName = z.infer<typeof UsagePlanNameSchema>;

/** The plans a tenant's admin may give a key. */
export const OfferedPlanSchema = z.enum(['starter', 'business'], { message: 'must be one of starter, business' });
export type OfferedPlan = z.infer<typeof OfferedPlanSchema>;

/** The API Gateway usage plan of each plan, by name. */
export type UsagePlanIds = Readonly<Record<UsagePlanName, string>>;

/** API Gateway's name of a plan: `{prefix}-{plan}`, the prefix being `USAGE_PLAN_PREFIX` (`nfse-{stage}` in AWS). */
export function usagePlanNameOf(prefix: string, plan: UsagePlanName): string {
  return `${prefix}-${plan}`;
}

/** A plan as the API shows it. */
export const UsagePlanViewSchema = z.strictObject({
  name: UsagePlanNameSchema,
  description: z.string(),
  rateLimit: z.number().describe('Steady requests a second'),
  burstLimit: z.number().describe('Requests a burst may take at once'),
  quota: z.strictObject({ limit: z.number().int(), period: z.literal('MONTH') }),
});
export type UsagePlanView = z.infer<typeof UsagePlanViewSchema>;

/** The plan's view, from the configuration. */
export function usagePlanView(name: UsagePlanName): UsagePlanView {
  const plan = USAGE_PLANS[name];
  return { name, description: plan.description, rateLimit: plan.throttle.rateLimit, burstLimit: plan.throttle.burstLimit, quota: { ...plan.quota } };
}
