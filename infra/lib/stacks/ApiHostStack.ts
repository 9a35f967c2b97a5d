import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag/acknowledge';

/** Options of {@link ApiHostStack}. */
export interface ApiHostStackProps extends StackProps {
  readonly stage: string;
}

/**
 * The REST API's own resource, alone. Its id is the API's host name, which the console's CSP
 * (Web) pins; the API's routes need the console's origin (CORS, the hosted UI's callbacks), so
 * they come after Web, in the Api stack, on this very REST API. With the RestApi in the Api stack
 * the two stacks would need each other.
 */
export class ApiHostStack extends Stack {
  public readonly restApi: apigateway.CfnRestApi;
  /** The API's name (`nfse-{stage}`): CloudWatch's `ApiName` dimension. */
  public readonly restApiName: string;

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

    new CfnOutput(this, 'RestApiId', { value: this.restApi.ref });
  }
}
