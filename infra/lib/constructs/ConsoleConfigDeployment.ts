import { Stack } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { ConsoleConfig } from '../../../contracts/consoleConfig';
import { acknowledge } from '../nag/acknowledge';

/** Options of {@link ConsoleConfigDeployment}. */
export interface ConsoleConfigDeploymentProps {
  readonly stage: string;
  readonly siteBucket: s3.IBucket;
  /** The API's base URL, no trailing slash. */
  readonly apiUrl: string;
  readonly apiKeyId: string;
  readonly userPoolId: string;
  readonly consoleClientId: string;
  readonly scopes: readonly string[];
}

/**
 * Writes the console's `/config.json` into the site bucket once the API exists: the API URL,
 * the console's API key (read at deploy time; it identifies the console to the usage plan, the
 * JWT is the authorization) and the Cognito client the Hosted UI sign-in uses.
 */
export class ConsoleConfigDeployment extends Construct {
  public constructor(scope: Construct, id: string, props: ConsoleConfigDeploymentProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const apiKey = new cr.AwsCustomResource(this, 'ApiKeyValue', {
      onUpdate: {
        service: 'APIGateway',
        action: 'getApiKey',
        parameters: { apiKey: props.apiKeyId, includeValue: true },
        physicalResourceId: cr.PhysicalResourceId.of(props.apiKeyId),
        outputPaths: ['value'],
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [`arn:${stack.partition}:apigateway:${stack.region}::/apikeys/${props.apiKeyId}`] }),
      installLatestAwsSdk: false,
    });
    const config: ConsoleConfig = {
      stage: props.stage,
      apiUrl: props.apiUrl,
      apiKey: apiKey.getResponseField('value'),
      auth: { kind: 'cognito', authority: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${props.userPoolId}`, clientId: props.consoleClientId, scopes: props.scopes.join(' ') },
    };
    // One PutObject (no BucketDeployment: that would need the site's whole bucket and prune rules).
    new cr.AwsCustomResource(this, 'WriteConfig', {
      onUpdate: {
        service: 'S3',
        action: 'putObject',
        parameters: { Bucket: props.siteBucket.bucketName, Key: 'config.json', Body: stack.toJsonString(config), ContentType: 'application/json', CacheControl: 'no-store' },
        physicalResourceId: cr.PhysicalResourceId.of('console-config'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [props.siteBucket.arnForObjects('config.json')] }),
      installLatestAwsSdk: false,
    });
    // AwsCustomResource's provider function is a stack-wide singleton.
    const provider = stack.node.tryFindChild(`AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    if (provider !== undefined) {
      acknowledge(provider, [
        { id: 'AwsSolutions-IAM4', reason: 'The AwsCustomResource provider (aws-cdk-lib) logs through AWSLambdaBasicExecutionRole.', findings: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] },
        { id: 'AwsSolutions-L1', reason: 'The AwsCustomResource provider (aws-cdk-lib) runs the Node.js runtime aws-cdk-lib pins.' },
      ]);
    }
  }
}
