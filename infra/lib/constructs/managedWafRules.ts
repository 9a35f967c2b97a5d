import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { BODY_SIZE_RULE_NAME, bodySizeRule } from './bodySizeRule';

/** Options of {@link managedWafRules}. */
export interface ManagedWafRulesOptions {
  /** Requests per 5 minutes from one IP before it is blocked. @default 2000 */
  readonly rateLimit?: number;
  /** Prefix of the CloudWatch metric names. */
  readonly metricPrefix: string;
  /**
   * The bodies the protected resource accepts: when given, the common rule set's
   * SizeRestrictions_BODY (which blocks bodies over 8 KB) only counts, and {@link bodySizeRule}
   * blocks bodies past `maxBytes` instead. @default the managed 8 KB limit blocks
   */
  readonly body?: { readonly maxBytes: number; readonly inspectedBytes: number };
}

/**
 * The rules of both WebACLs (API, CloudFront): AWS managed rule groups (OWASP common rules, known
 * bad inputs, IP reputation) and a rate-based rule per IP; with `body`, our own body size limit first.
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
 */
export function managedWafRules(options: ManagedWafRulesOptions): wafv2.CfnWebACL.RuleProperty[] {
  const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${options.metricPrefix}${name}` });
  // Rule action overrides: https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-rule-group-override-options.html
  const overrides: Readonly<Record<string, wafv2.CfnWebACL.RuleActionOverrideProperty[]>> =
    options.body !== undefined ? { AWSManagedRulesCommonRuleSet: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }] } : {};
  const managed = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'].map(
    (name, index): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority: index + 1,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ...(overrides[name] !== undefined ? { ruleActionOverrides: overrides[name] } : {}) } },
      visibilityConfig: visibility(name),
    }),
  );
  const body = options.body !== undefined ? [bodySizeRule({ ...options.body, priority: 0, visibilityConfig: visibility(BODY_SIZE_RULE_NAME) })] : [];
  return [
    ...body,
    ...managed,
    {
      name: 'RateLimitPerIp',
      priority: managed.length + 1,
      action: { block: {} },
      statement: { rateBasedStatement: { limit: options.rateLimit ?? 2000, aggregateKeyType: 'IP' } },
      visibilityConfig: visibility('RateLimitPerIp'),
    },
  ];
}
