import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';

/** Options of {@link managedWafRules}. */
export interface ManagedWafRulesOptions {
  /** Requests per 5 minutes from one IP before it is blocked. @default 2000 */
  readonly rateLimit?: number;
  /** Prefix of the CloudWatch metric names. */
  readonly metricPrefix: string;
}

/**
 * The rules of both WebACLs (API, CloudFront): AWS managed rule groups (OWASP common rules, known
 * bad inputs, IP reputation) and a rate-based rule per IP.
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
 */
export function managedWafRules(options: ManagedWafRulesOptions): wafv2.CfnWebACL.RuleProperty[] {
  const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${options.metricPrefix}${name}` });
  const managed = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'].map(
    (name, index): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority: index + 1,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    }),
  );
  return [
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
