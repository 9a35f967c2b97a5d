import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ApiDistribution } from '../constructs/ApiDistribution';
import { ApiEdgeProtection } from '../constructs/ApiEdgeProtection';
import type { CustomDomain } from '../constructs/customDomain';
import { acknowledge } from '../nag/acknowledge';

/** Options of {@link ApiHostStack}. */
export interface ApiHostStackProps extends StackProps {
  readonly stage: string;
  /** The API's custom domain (CloudFront alias, Route 53 records). @default none */
  readonly domain?: CustomDomain;
  /**
   * The CLOUDFRONT-scoped WebACL and the custom domain's certificate, from the us-east-1 stack.
   * @default created in this stack (which must then be in us-east-1)
   */
  readonly edge?: { readonly webAclArn: string; readonly certificate?: acm.ICertificate };
  /** Raising it replaces the origin-lock secret, hence its value at both ends (a rotation). @default 1 */
  readonly originVerifyGeneration?: number;
}

/**
 * The REST API's own resource and the CloudFront distribution clients call it through. The
 * distribution's host is the one the console's CSP (Web) pins; the API's routes need the console's
 * origin (CORS, the hosted UI's callbacks), so they come after Web, in the Api stack, on this very
 * REST API. With the RestApi in the Api stack the two stacks would need each other. The
 * distribution needs only the API's id and the stage's name, both known here.
 */
export class ApiHostStack extends Stack {
  public readonly restApi: apigateway.CfnRestApi;
  /** The API's name (`nfse-{stage}`): CloudWatch's `ApiName` dimension. */
  public readonly restApiName: string;
  /** CloudFront in front of the API. */
  public readonly edge: ApiDistribution;
  /** What clients, the console and the CLI call: `https://{custom domain or dxxx.cloudfront.net}`, no trailing slash. */
  public readonly publicUrl: string;
  /** The value CloudFront sends in `x-origin-verify`; the Api stack's regional WebACL checks it. */
  public readonly originVerifySecret: secretsmanager.ISecret;

  public constructor(scope: Construct, id: string, props: ApiHostStackProps) {
    super(scope, id, props);
    this.restApiName = `nfse-${props.stage}`;
    this.restApi = new apigateway.CfnRestApi(this, 'RestApi', {
      name: this.restApiName,
      description: 'nfse-flow: emit, query and cancel NFS-e',
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
    });
    acknowledge(this.restApi, [{ id: 'AwsSolutions-APIG2', reason: 'Request validation is on every route: the validator and the models are in the Api stack, with the routes.' }]);

    // API Gateway's account-level role for execution and access logs (what RestApi's cloudWatchRole makes).
    const cloudWatchRole = new iam.Role(this, 'CloudWatchRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs')],
    });
    cloudWatchRole.applyRemovalPolicy(RemovalPolicy.DESTROY);
    const account = new apigateway.CfnAccount(this, 'Account', { cloudWatchRoleArn: cloudWatchRole.roleArn });
    account.node.addDependency(this.restApi);
    acknowledge(cloudWatchRole, [
      { id: 'AwsSolutions-IAM4', reason: 'API Gateway’s account-level CloudWatch role uses the AWS-maintained AmazonAPIGatewayPushToCloudWatchLogs policy.', findings: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs'] },
    ]);

    // Not a credential to anything: it proves a request came through our distribution, so the WAF
    // can refuse the execute-api host. Both ends read it at deploy time (dynamic references).
    // A new generation is a new secret: its ARN changes in both dynamic references, so CloudFormation
    // updates the distribution and the WebACL, which resolve the new value (an unchanged reference is never read again).
    const generation = props.originVerifyGeneration ?? 1;
    const secret = new secretsmanager.Secret(this, generation === 1 ? 'OriginVerifySecret' : `OriginVerifySecret${generation}`, {
      description: `nfse ${props.stage}: the x-origin-verify header CloudFront adds to API requests`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(secret, [
      {
        id: 'AwsSolutions-SMG4',
        reason: 'The origin-lock header value is read by CloudFormation into the distribution and the WebACL at deploy time (dynamic references); a rotation Lambda could not update them. Rotate by raising the originVerifyGeneration context value and deploying (infra/README.md).',
      },
    ]);
    this.originVerifySecret = secret;
    const local = props.edge === undefined ? new ApiEdgeProtection(this, 'EdgeProtection', { stage: props.stage, ...(props.domain !== undefined ? { domain: props.domain } : {}) }) : undefined;
    const webAclArn = props.edge?.webAclArn ?? local?.webAcl.attrArn;
    const certificate = props.edge !== undefined ? props.edge.certificate : local?.certificate;
    if (webAclArn === undefined) throw new Error('ApiHostStack needs a WebACL');
    if (props.domain !== undefined && certificate === undefined) throw new Error(`the API's domain ${props.domain.domainName} needs its us-east-1 certificate`);
    this.edge = new ApiDistribution(this, 'Edge', {
      stage: props.stage,
      restApiId: this.restApi.ref,
      stageName: props.stage,
      originVerifySecret: secret.secretValue,
      webAclArn,
      ...(props.domain !== undefined && certificate !== undefined ? { domain: { ...props.domain, certificate } } : {}),
    });
    this.publicUrl = this.edge.url;

    new CfnOutput(this, 'RestApiId', { value: this.restApi.ref });
    new CfnOutput(this, 'ApiDistributionId', { value: this.edge.distribution.distributionId });
  }
}
