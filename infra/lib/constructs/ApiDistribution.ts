import { Duration, Stack, type SecretValue } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../api/originLock';
import { acknowledge } from '../nag/acknowledge';
import { cloudFrontLogsBucket } from './logsBucket';
import { hostedZoneOf, type CustomDomain } from './customDomain';

/** Options of {@link ApiDistribution}. */
export interface ApiDistributionProps {
  readonly stage: string;
  /** The REST API (regional endpoint) and the stage its routes are deployed on. */
  readonly restApiId: string;
  readonly stageName: string;
  /** The secret CloudFront sends in {@link ORIGIN_VERIFY_HEADER}; the API's regional WebACL blocks requests without it. */
  readonly originVerifySecret: SecretValue;
  /** The CLOUDFRONT-scoped WebACL (us-east-1). */
  readonly webAclArn: string;
  /** The API's own host name, with its us-east-1 certificate. @default none: the distribution's *.cloudfront.net name */
  readonly domain?: CustomDomain & { readonly certificate: acm.ICertificate };
}

/**
 * CloudFront in front of the REST API's regional endpoint: nothing cached (CachingDisabled), every
 * viewer header but Host, every query string and cookie forwarded (AllViewerExceptHostHeader:
 * API Gateway routes by its own Host; Authorization, x-api-key, Idempotency-Key, If-Match pass),
 * every method allowed, HTTPS only (a redirect would drop a POST's body), TLS 1.2 to the origin
 * with the origin-lock header, the WAF, standard logs.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html
 */
export class ApiDistribution extends Construct {
  public readonly distribution: cloudfront.Distribution;
  /** `https://` + the host clients call (the custom domain, else the distribution's), no trailing slash. */
  public readonly url: string;

  public constructor(scope: Construct, id: string, props: ApiDistributionProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const logs = cloudFrontLogsBucket(this);

    const origin = new origins.HttpOrigin(`${props.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      originPath: `/${props.stageName}`,
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originVerifySecret.unsafeUnwrap() },
      // API Gateway's own integration timeout is 29 s by default; CloudFront's default 30 s covers it.
      readTimeout: Duration.seconds(30),
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `nfse ${props.stage} API`,
      defaultBehavior: {
        origin,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        compress: false,
      },
      webAclId: props.webAclArn,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.domain !== undefined ? { domainNames: [props.domain.domainName], certificate: props.domain.certificate, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 } : {}),
    });
    const suppressions = [{ id: 'AwsSolutions-CFR1', reason: 'No geo restriction: integrators call the API from anywhere; every call needs an API key and a Cognito token, and the WAF rate-limits per IP.' }];
    if (props.domain === undefined) {
      suppressions.push({ id: 'AwsSolutions-CFR4', reason: 'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose TLS policy cannot be set; give apiDomainName to get TLSv1.2_2021.' });
    }
    acknowledge(this.distribution, suppressions);

    if (props.domain !== undefined) {
      const zone = hostedZoneOf(this, 'Zone', props.domain);
      const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(this.distribution));
      new route53.ARecord(this, 'AliasA', { zone, recordName: props.domain.domainName, target });
      new route53.AaaaRecord(this, 'AliasAaaa', { zone, recordName: props.domain.domainName, target });
    }
    this.url = `https://${props.domain?.domainName ?? this.distribution.distributionDomainName}`;
  }
}
