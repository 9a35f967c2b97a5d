import fs from 'node:fs';
import { CfnOutput, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, type CfnElement, type StackProps } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { cloudFrontLogsBucket } from '../constructs/logsBucket';
import { acknowledge } from '../nag/acknowledge';
import type { Construct } from 'constructs';
import { fromRepoRoot } from '../paths';
import { CloudFrontEdge, type CloudFrontEdgeProps } from './WebEdgeStack';

/** Options of {@link WebStack}. */
export interface WebStackProps extends StackProps, CloudFrontEdgeProps {
  /** The API's CloudFront origin (`https://host`, ApiHost stack): the one API host the console may call (CSP `connect-src`). */
  readonly apiOrigin: string;
  /** The user pool's hosted UI domain prefix: the one sign-in host the console may reach. */
  readonly authDomainPrefix: string;
  /**
   * The CLOUDFRONT-scoped WebACL and the custom domain's certificate, from the us-east-1 stack.
   * @default created in this stack (which must then be in us-east-1)
   */
  readonly edge?: { readonly webAclArn: string; readonly certificate?: acm.ICertificate };
  /** The built console (absolute path), uploaded with a cache invalidation when the folder exists. @default REPO_ROOT/web/dist */
  readonly assetsDir?: string;
}

/**
 * The admin console: a private S3 bucket behind CloudFront (origin access control), security
 * headers (CSP, HSTS, frame options) and the WAF.
 */
export class WebStack extends Stack {
  public readonly distribution: cloudfront.Distribution;
  public readonly siteBucket: s3.Bucket;
  /** `https://` + the console's host name: the API's CORS origin and the hosted UI callback. */
  public readonly origin: string;

  public constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const logs = cloudFrontLogsBucket(this);

    this.siteBucket = new s3.Bucket(this, 'SiteBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const local = props.edge === undefined ? new CloudFrontEdge(this, 'Edge', props) : undefined;
    const webAclArn = props.edge?.webAclArn ?? local?.webAcl.attrArn;
    const certificate = props.edge !== undefined ? props.edge.certificate : local?.certificate;
    const region = this.region;
    // Exact hosts, no wildcard: a script injected into the console could otherwise send tokens
    // to any API Gateway or Cognito domain in the region.
    const apiOrigin = props.apiOrigin;
    const hostedUiOrigin = `https://${props.authDomainPrefix}.auth.${region}.amazoncognito.com`;
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'nfse console: CSP, HSTS, frame options',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            `connect-src 'self' ${apiOrigin} ${hostedUiOrigin} https://cognito-idp.${region}.amazonaws.com`,
            `form-action 'self' ${hostedUiOrigin}`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
          ].join('; '),
        },
        strictTransportSecurity: { override: true, accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true },
        frameOptions: { override: true, frameOption: cloudfront.HeadersFrameOption.DENY },
        contentTypeOptions: { override: true },
        referrerPolicy: { override: true, referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN },
        xssProtection: { override: true, protection: true, modeBlock: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `nfse ${props.stage} console`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      // The console is a single-page app: unknown paths render index.html, /docs (the API
      // reference) among them; /openapi.json is a file of the build like its assets.
      errorResponses: [
        { httpStatus: 403, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.minutes(1) },
        { httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.minutes(1) },
      ],
      webAclId: webAclArn,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      // The TLS policy only applies to a custom certificate (the default *.cloudfront.net one is fixed).
      ...(props.domainName !== undefined && certificate !== undefined ? { domainNames: [props.domainName], certificate, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 } : {}),
    });
    this.origin = props.domainName !== undefined ? `https://${props.domainName}` : `https://${this.distribution.distributionDomainName}`;

    const suppressions = [{ id: 'AwsSolutions-CFR1', reason: 'No geo restriction: operators work from anywhere; access needs a Cognito login and the WAF rate-limits per IP.' }];
    if (certificate === undefined) {
      suppressions.push({ id: 'AwsSolutions-CFR4', reason: 'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose TLS policy cannot be set; give webDomainName to get TLSv1.2_2021.' });
    }
    acknowledge(this.distribution, suppressions);

    const assets = props.assetsDir ?? fromRepoRoot('web/dist');
    if (fs.existsSync(assets)) {
      const deployment = new s3deploy.BucketDeployment(this, 'DeploySite', {
        sources: [s3deploy.Source.asset(assets, { exclude: ['config.json'] })],
        destinationBucket: this.siteBucket,
        // config.json is the API stack's (it knows the API URL and the Cognito client): never pruned here.
        exclude: ['config.json'],
        distribution: this.distribution,
        distributionPaths: ['/*'],
      });
      const siteBucketId = this.getLogicalId(this.siteBucket.node.defaultChild as CfnElement);
      const handler = deployment.handlerRole.node.scope;
      if (handler !== undefined) acknowledge(handler, [{ id: 'AwsSolutions-L1', reason: 'The BucketDeployment function (aws-cdk-lib) runs the Python runtime aws-cdk-lib pins.' }]);
      acknowledge(deployment.handlerRole, [
        { id: 'AwsSolutions-IAM4', reason: 'The BucketDeployment function (aws-cdk-lib) logs through AWSLambdaBasicExecutionRole.', findings: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] },
        {
          id: 'AwsSolutions-IAM5',
          reason: 'The BucketDeployment function (aws-cdk-lib) reads its asset from the CDK assets bucket and replaces every object of the site bucket; CloudFront invalidations take Resource "*".',
          findings: [
            'Action::s3:GetBucket*',
            'Action::s3:GetObject*',
            'Action::s3:List*',
            'Action::s3:Abort*',
            'Action::s3:DeleteObject*',
            `Resource::arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-${this.region}/*`,
            `Resource::<${siteBucketId}.Arn>/*`,
            'Resource::*',
          ],
        },
      ]);
    }

    new CfnOutput(this, 'ConsoleUrl', { value: this.origin });
    new CfnOutput(this, 'SiteBucketName', { value: this.siteBucket.bucketName });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
  }
}
