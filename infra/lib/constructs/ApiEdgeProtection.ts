import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { API_BODY_INSPECTION, API_MAX_BODY_BYTES } from '../api/apiBodyLimit';
import { dnsValidatedCertificate, type CustomDomain } from './customDomain';
import { managedWafRules } from './managedWafRules';

/** Options of {@link ApiEdgeProtection}. */
export interface ApiEdgeProtectionProps {
  readonly stage: string;
  /** The API's custom domain; its certificate is created here and validated by DNS. @default none (the distribution's own *.cloudfront.net name) */
  readonly domain?: CustomDomain;
}

/**
 * What the API's CloudFront distribution takes from us-east-1: its WebACL (scope CLOUDFRONT) and
 * the certificate of its custom domain. The WebACL holds the rules the regional one held before
 * the API went behind CloudFront — AWS managed rules, our body limit and the per-IP rate limit —
 * because only at the edge is the client's own address the request's source IP; behind
 * CloudFront, API Gateway sees CloudFront's, which the rate limit and the IP reputation list
 * would wrongly judge.
 * https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html
 */
export class ApiEdgeProtection extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;
  public readonly certificate?: acm.ICertificate;

  public constructor(scope: Construct, id: string, props: ApiEdgeProtectionProps) {
    super(scope, id);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `nfse-${props.stage}-api-edge` },
      // Bodies up to the API's own limit pass (a 500-id reprocess is ~14.5 KB; the managed rule stops at 8 KB).
      rules: managedWafRules({ metricPrefix: 'ApiEdge', body: { maxBytes: API_MAX_BODY_BYTES, inspectedBytes: API_BODY_INSPECTION.bytes } }),
      associationConfig: { requestBody: { CLOUDFRONT: { defaultSizeInspectionLimit: API_BODY_INSPECTION.setting } } },
    });
    if (props.domain !== undefined) this.certificate = dnsValidatedCertificate(this, 'Certificate', props.domain);
  }
}
