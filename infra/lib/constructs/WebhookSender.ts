import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag/acknowledge';
import { VPC_FUNCTION_MANAGED_POLICIES } from '../nag/vpcFunctionPolicies';
import { webhookKeyConditions, webhookSecretsArn, webhookSecretsFinding } from '../naming';
import { fromRepoRoot } from '../paths';
import { nodeFunctionDefaults } from './nodeFunctionDefaults';

/** Options of {@link WebhookSender}. */
export interface WebhookSenderProps {
  readonly stage: string;
  readonly vpc: ec2.IVpc;
  /** Encrypts the endpoints' signing secrets. */
  readonly webhooksKey: kms.IKey;
}

/**
 * The Lambda WebhookDeliveryWorkflow invokes for each attempt (`tasks/webhooks/sender`): in the
 * private subnets, so deliveries leave through the NAT's fixed IPs (receivers can allow-list
 * them), HTTPS out only, and it may read the webhook secrets and nothing else. It never runs
 * with WEBHOOK_ALLOW_LOOPBACK: in AWS private, loopback and link-local destinations are refused.
 */
export class WebhookSender extends Construct {
  public readonly function: nodejs.NodejsFunction;

  public constructor(scope: Construct, id: string, props: WebhookSenderProps) {
    super(scope, id);
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', { vpc: props.vpc, description: 'nfse webhook sender: HTTPS out only', allowAllOutbound: false });
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'webhook endpoints and AWS APIs');
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      ...nodeFunctionDefaults(),
      entry: fromRepoRoot('tasks/webhooks/sender/handler.ts'),
      handler: 'handler',
      description: 'WebhookDeliveryWorkflow: one signed POST (Standard Webhooks) to a tenant endpoint',
      // The POST gives up after 10 s; the secret read and the DNS lookup come before it.
      timeout: Duration.seconds(15),
      memorySize: 256,
      vpc: props.vpc,
      vpcSubnets: { subnets: props.vpc.privateSubnets },
      securityGroups: [securityGroup],
      logGroup: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY }),
      environment: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'nfse-webhook-sender', POWERTOOLS_LOG_LEVEL: 'INFO' },
    });
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [webhookSecretsArn(props.stage)] }));
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [props.webhooksKey.keyArn], conditions: webhookKeyConditions(props.stage) }));
    acknowledge(this.function, [
      VPC_FUNCTION_MANAGED_POLICIES,
      {
        id: 'AwsSolutions-IAM5',
        reason: 'X-Ray accepts only Resource "*"; the secrets are one per endpoint, created by the webhooks API, hence the name pattern.',
        findings: ['Resource::*', webhookSecretsFinding(props.stage)],
      },
    ]);
  }
}
