import { Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ApiEdgeProtection } from '../constructs/ApiEdgeProtection';
import type { CustomDomain } from '../constructs/customDomain';
import { managedWafRules } from '../constructs/managedWafRules';

/** Options of {@link CloudFrontEdge}. */
export interface CloudFrontEdgeProps {
  readonly stage: string;
  /** The console's custom domain; its certificate is created and validated by DNS. */
  readonly domainName?: string;
  readonly hostedZoneId?: string;
  readonly hostedZoneName?: string;
}

/** What CloudFront requires in us-east-1: the WebACL (scope CLOUDFRONT) and the certificate of a custom domain. */
export class CloudFrontEdge extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;
  public readonly certificate?: acm.ICertificate;

  public constructor(scope: Construct, id: string, props: CloudFrontEdgeProps) {
    super(scope, id);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `nfse-${props.stage}-web` },
      rules: managedWafRules({ metricPrefix: 'Web' }),
    });
    if (props.domainName !== undefined && props.hostedZoneId !== undefined && props.hostedZoneName !== undefined) {
      const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: props.hostedZoneId, zoneName: props.hostedZoneName });
      this.certificate = new acm.Certificate(this, 'Certificate', { domainName: props.domainName, validation: acm.CertificateValidation.fromDns(zone) });
    }
  }
}

/** Options of {@link WebEdgeStack}. */
export interface WebEdgeStackProps extends StackProps, CloudFrontEdgeProps {
  /** The API's custom domain (its distribution's certificate is made here). @default none */
  readonly apiDomain?: CustomDomain;
}

/**
 * The us-east-1 half of the console and of the API's edge when the app lives in another region
 * (e.g. sa-east-1): CloudFront only takes WebACLs and certificates from us-east-1.
 */
export class WebEdgeStack extends Stack {
  public readonly edge: CloudFrontEdge;
  /** The API distribution's WebACL and certificate. */
  public readonly apiEdge: ApiEdgeProtection;

  public constructor(scope: Construct, id: string, props: WebEdgeStackProps) {
    super(scope, id, props);
    this.edge = new CloudFrontEdge(this, 'Edge', props);
    this.apiEdge = new ApiEdgeProtection(this, 'ApiEdge', { stage: props.stage, ...(props.apiDomain !== undefined ? { domain: props.apiDomain } : {}) });
  }
}
