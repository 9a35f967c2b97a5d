import { CfnOutput, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { acknowledge } from '../nag/acknowledge';
import type { Construct } from 'constructs';

/** The VPC's address range. */
export const VPC_CIDR = '10.40.0.0/16';

/** Options of {@link NetworkStack}. */
export interface NetworkStackProps extends StackProps {
  /** NAT gateways, each with its own Elastic IP. @default 1 */
  readonly natGateways?: number;
}

/**
 * The VPC over 2 AZs: public subnets (NAT gateways only), private subnets with egress for the
 * Lambdas and the Fargate adapters, isolated subnets for Aurora. Cities whitelist the NAT's
 * Elastic IPs, so they are allocated here and published as outputs.
 */
export class NetworkStack extends Stack {
  public readonly vpc: ec2.Vpc;
  /** The fixed egress IPs (one per NAT gateway). */
  public readonly egressIps: readonly ec2.CfnEIP[];
  public readonly bastion: ec2.BastionHostLinux;

  public constructor(scope: Construct, id: string, props: NetworkStackProps = {}) {
    super(scope, id, props);
    const natGateways = props.natGateways ?? 1;

    this.egressIps = Array.from({ length: natGateways }, (_, index) => {
      const eip = new ec2.CfnEIP(this, `NatEgressIp${index + 1}`, { domain: 'vpc', tags: [{ key: 'Name', value: `nfse-nat-egress-${index + 1}` }] });
      // A whitelisted IP must survive a stack update that replaces the NAT gateway.
      eip.applyRemovalPolicy(RemovalPolicy.RETAIN);
      return eip;
    });

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(VPC_CIDR),
      maxAzs: 2,
      natGateways,
      natGatewayProvider: ec2.NatProvider.gateway({ eipAllocationIds: this.egressIps.map((eip) => eip.attrAllocationId) }),
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'compute', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: 'database', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      restrictDefaultSecurityGroup: true,
      gatewayEndpoints: {
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
        DynamoDb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
      flowLogs: {
        rejected: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(this, 'FlowLogs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY })),
          trafficType: ec2.FlowLogTrafficType.REJECT,
        },
      },
    });

    const endpoints = {
      Sqs: ec2.InterfaceVpcEndpointAwsService.SQS,
      StepFunctions: ec2.InterfaceVpcEndpointAwsService.STEP_FUNCTIONS,
      SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR,
      EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
      Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    };
    for (const [name, service] of Object.entries(endpoints)) {
      const endpoint = this.vpc.addInterfaceEndpoint(`${name}Endpoint`, { service, subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, privateDnsEnabled: true, open: false });
      // HTTPS from inside the VPC only (a literal CIDR, so the rule is checkable at synth).
      endpoint.connections.allowFrom(ec2.Peer.ipv4(VPC_CIDR), ec2.Port.tcp(443), 'HTTPS from the VPC');
    }

    this.bastion = new ec2.BastionHostLinux(this, 'Bastion', {
      vpc: this.vpc,
      subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO),
      machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
      requireImdsv2: true,
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(10, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
    });
    acknowledge(
      this.bastion,
      [
        { id: 'AwsSolutions-EC28', reason: 'A nano SSM-only bastion used for occasional psql sessions; basic monitoring is enough.' },
        { id: 'AwsSolutions-EC29', reason: 'The bastion holds no state: it is recreated at will, so termination protection would only block stack updates.' },
        {
          id: 'AwsSolutions-IAM5',
          reason: 'BastionHostLinux grants the Session Manager channel (ssmmessages:*, ec2messages:*, ssm:UpdateInstanceInformation) on "*": those APIs have no resource-level permissions.',
          findings: ['Action::ssmmessages:*', 'Action::ec2messages:*', 'Resource::*'],
        },
      ],
    );

    this.egressIps.forEach((eip, index) => {
      new CfnOutput(this, `NatEgressIp${index + 1}Output`, { value: eip.ref, description: `Fixed egress IP ${index + 1} (NAT): give it to the cities to whitelist` });
    });
    new CfnOutput(this, 'NatEgressIps', { value: Fn.join(',', this.egressIps.map((eip) => eip.ref)), description: 'Every fixed egress IP, comma separated' });
    new CfnOutput(this, 'BastionInstanceId', { value: this.bastion.instanceId, description: 'aws ssm start-session --target <this>' });
  }
}
