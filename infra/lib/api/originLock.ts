import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';

/**
 * The header the API's CloudFront distribution adds to every request it forwards, carrying a
 * secret only CloudFront and the API's regional WebACL know.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/restrict-access-to-load-balancer.html
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** The rule's name (and, with the metric prefix, its metric). */
export const ORIGIN_LOCK_RULE_NAME = 'NotFromCloudFront';

/**
 * The regional WebACL's rule that locks the API to its CloudFront distribution: a request whose
 * {@link ORIGIN_VERIFY_HEADER} is not exactly the secret (a caller who found the execute-api host)
 * is blocked before API Gateway runs anything for it (no authorizer call, no usage-plan count).
 * `secret` is a CloudFormation dynamic reference, so the value never appears in the template.
 */
export function originLockRule(secret: string, priority: number, metricName: string): wafv2.CfnWebACL.RuleProperty {
  return {
    name: ORIGIN_LOCK_RULE_NAME,
    priority,
    action: { block: {} },
    statement: {
      notStatement: {
        statement: {
          byteMatchStatement: {
            // singleHeader is typed `any` in aws-cdk-lib, so its key is passed to CloudFormation as written.
            fieldToMatch: { singleHeader: { Name: ORIGIN_VERIFY_HEADER } },
            positionalConstraint: 'EXACTLY',
            searchString: secret,
            textTransformations: [{ priority: 0, type: 'NONE' }],
          },
        },
      },
    },
    visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName },
  };
}
