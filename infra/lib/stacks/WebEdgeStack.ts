import { Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
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

/**
 * The us-east-1 half of the console when the app lives in another region (e.g. sa-east-1):
 * CloudFront only takes WebACLs and certificates from us-east-1.
 */
export class WebEdgeStack extends Stack {
  public readonly edge: CloudFrontEdge;

  public constructor(scope: Construct, id: string, props: StackProps & CloudFrontEdgeProps) {
    super(scope, id, props);
    this.edge = new CloudFrontEdge(this, 'Edge', props);
  }
}
