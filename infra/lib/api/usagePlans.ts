import { Tags } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { API_KEY_TAGS } from '../../../contracts/apiKey';
import { USAGE_PLAN_NAMES, USAGE_PLANS, usagePlanNameOf, type UsagePlanName } from '../../../contracts/usagePlans';

/** The stage's `USAGE_PLAN_PREFIX`: its plans are `nfse-{stage}-{plan}`, found by name by the api-keys function. */
export function usagePlanPrefix(stage: string): string {
  return `nfse-${stage}`;
}

/**
 * One usage plan per plan of `contracts/usagePlans.ts`, on the API's stage, with the plan's
 * throttle and monthly quota. The api-keys function puts the tenants' keys in them.
 */
export function addUsagePlans(api: apigateway.RestApiBase, stage: string): Record<UsagePlanName, apigateway.UsagePlan> {
  const plans = {} as Record<UsagePlanName, apigateway.UsagePlan>;
  for (const name of USAGE_PLAN_NAMES) {
    const plan = USAGE_PLANS[name];
    plans[name] = api.addUsagePlan(`${name}UsagePlan`, {
      name: usagePlanNameOf(usagePlanPrefix(stage), name),
      description: plan.description,
      throttle: { rateLimit: plan.throttle.rateLimit, burstLimit: plan.throttle.burstLimit },
      quota: { limit: plan.quota.limit, period: apigateway.Period.MONTH },
      apiStages: [{ api, stage: api.deploymentStage }],
    });
  }
  return plans;
}

/** A key of nfse-flow's own (the console's), on the platform plan, tagged as the api-keys function reads keys. */
export function addPlatformKey(api: apigateway.RestApiBase, plans: Record<UsagePlanName, apigateway.UsagePlan>, app: string): apigateway.IApiKey {
  // `ConsoleApiKey`: the logical id the console's key always had, so a deployment keeps the key.
  const key = api.addApiKey(`${app.charAt(0).toUpperCase()}${app.slice(1)}ApiKey`, { description: `nfse-flow's ${app} (identification and quotas; auth is the JWT)` });
  plans.platform.addApiKey(key);
  Tags.of(key).add(API_KEY_TAGS.app, app);
  Tags.of(key).add(API_KEY_TAGS.usagePlanId, plans.platform.usagePlanId);
  Tags.of(key).add(API_KEY_TAGS.prefix, 'generated');
  return key;
}
