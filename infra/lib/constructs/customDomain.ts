import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';

/** A host name served by CloudFront and the Route 53 hosted zone it lives in. */
export interface CustomDomain {
  readonly domainName: string;
  readonly hostedZoneId: string;
  readonly hostedZoneName: string;
}

/** The zone of a {@link CustomDomain}, imported (the app never creates zones). */
export function hostedZoneOf(scope: Construct, id: string, domain: CustomDomain): route53.IHostedZone {
  return route53.HostedZone.fromHostedZoneAttributes(scope, id, { hostedZoneId: domain.hostedZoneId, zoneName: domain.hostedZoneName });
}

/** An ACM certificate of the domain, validated by DNS in its zone (CloudFront's must be in us-east-1: create it there). */
export function dnsValidatedCertificate(scope: Construct, id: string, domain: CustomDomain): acm.ICertificate {
  return new acm.Certificate(scope, id, { domainName: domain.domainName, validation: acm.CertificateValidation.fromDns(hostedZoneOf(scope, `${id}Zone`, domain)) });
}
