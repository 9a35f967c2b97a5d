import { Duration, IgnoreMode, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr_assets from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledge } from '../nag/acknowledge';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE as APP_METRICS_NAMESPACE } from '../../../contracts/metrics';
import { ENV } from '../../../contracts/wiring';
import { certificateKeyConditions, certificateSecretPrefix, certificateSecretsArn, certificateSecretsFinding, docsObjectsFinding, objectsArn } from '../naming';
import { REPO_ROOT } from '../paths';
import type { NacionalSettings } from '../config/appConfig';

/** Namespace of the app's custom metrics (`contracts/metrics.ts`: the EMF emitters share it). */
export const METRICS_NAMESPACE = APP_METRICS_NAMESPACE;
/** SendTaskFailure answers of the adapter, by `municipalityCode` (from its JSON logs). */
export const ADAPTER_ERRORS_METRIC = 'AdapterErrors';

/**
 * The X-Ray daemon sidecar's image (AWS's, on ECR Public; the 3.x tag takes the daemon's fixes).
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-daemon-ecs.html
 */
export const XRAY_DAEMON_IMAGE = 'public.ecr.aws/xray/aws-xray-daemon:3.x';
/** Where the adapter sends its segments: the sidecar, on the task's shared loopback (awsvpc). */
export const XRAY_DAEMON_ADDRESS = '127.0.0.1:2000';

/** Options of {@link AdapterService}. */
export interface AdapterServiceProps {
  readonly vpc: ec2.IVpc;
  readonly requestsQueue: sqs.IQueue;
  /** Every city's concurrency and rate slots, shared by all tasks (`CITY_LIMITS_TABLE`). */
  readonly cityLimitsTable: dynamodb.ITable;
  /** The companies' records (`COMPANIES_TABLE`): the prestador of our DANFSe-like PDF for ABRASF cities, read by key. */
  readonly companiesTable: dynamodb.ITable;
  /** The documents bucket's name (policies are built from it). */
  readonly docsBucketName: string;
  /** The stage, to name the bucket's object ARNs in cdk-nag findings. */
  readonly stage: string;
  readonly docsKey: kms.IKey;
  /** Encrypts the companies' certificate secrets (`nfse-{stage}/companies/{cnpj}/certificate`), which the adapter reads. */
  readonly certificatesKey: kms.IKey;
  /** The image; built from adapter-container/Dockerfile at deploy time when absent. */
  readonly image?: ecs.ContainerImage;
  /** Registry file inside the image (`adapter-container/...json`). */
  readonly municipalitiesFile?: string;
  /** Provider endpoint of the built-in list. */
  readonly providerEndpoint?: string;
  /**
   * The national system: the built-in list's endpoint and CA file (a path under
   * `adapter-container/`, as the image ships it) and the DANFSe service. @default the built-in list's own
   */
  readonly nacional?: NacionalSettings;
  /** TCP ports the cities listen on. @default [443] */
  readonly providerPorts?: readonly number[];
  /** @default 60 */
  readonly visibilityTimeoutSeconds?: number;
  /** @default 1 */
  readonly minTasks?: number;
  /** @default 10 */
  readonly maxTasks?: number;
  /** Waiting messages per running task that autoscaling aims at. @default 50 */
  readonly backlogPerTask?: number;
}

/**
 * The adapter worker on ECS Fargate (ARM64) in the private subnets: it long-polls RequestsQueue,
 * calls the cities through the NAT's fixed IPs and answers the workflow's task tokens. Scales on
 * the queue backlog per running task.
 */
export class AdapterService extends Construct {
  public readonly cluster: ecs.Cluster;
  public readonly service: ecs.FargateService;
  public readonly taskRole: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly securityGroup: ec2.SecurityGroup;

  public constructor(scope: Construct, id: string, props: AdapterServiceProps) {
    super(scope, id);
    const minTasks = props.minTasks ?? 1;
    const maxTasks = props.maxTasks ?? 10;

    this.cluster = new ecs.Cluster(this, 'Cluster', { vpc: props.vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });

    this.taskRole = new iam.Role(this, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'), description: "nfse adapter: its queue, task tokens, documents, the companies' certificates" });
    this.taskRole.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'], resources: [props.requestsQueue.queueArn] }));
    // Task-token calls are authorised on "*" only: https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
    this.taskRole.addToPolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], resources: ['*'] }));
    // It puts the city's NFS-e XML, and reads the RPS XML emit stored (it carries tomador data, so it never travels through the workflow).
    this.taskRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [objectsArn(props.docsBucketName, 'nfse/')] }));
    // xml/*: it reads the RPS the emit function stored, and puts back the signed one it sends.
    this.taskRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [objectsArn(props.docsBucketName, 'xml/')] }));
    this.taskRole.addToPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.docsKey.keyArn] }));
    // Each company's A1 certificate, to sign and to open mutual TLS with its city: read here and nowhere else.
    this.taskRole.addToPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [certificateSecretsArn(props.stage)] }));
    this.taskRole.addToPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [props.certificatesKey.keyArn], conditions: certificateKeyConditions(props.stage) }));
    // The city limits: take, renew and free a slot (conditional writes), read who holds or waits.
    props.cityLimitsTable.grant(this.taskRole, 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:GetItem');
    // The daemon sidecar sends the segments and reads the sampling rules with the task's role (AWSXRayDaemonWriteAccess's actions; X-Ray takes Resource "*" only).
    this.taskRole.addToPolicy(new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'], resources: ['*'] }));
    // The prestador of the PDF it builds for cities that serve none (ABRASF), by CNPJ: one record, never a scan.
    props.companiesTable.grant(this.taskRole, 'dynamodb:GetItem');

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: 512,
      memoryLimitMiB: 1024,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
      taskRole: this.taskRole,
    });
    taskDefinition.addContainer('adapter', {
      image: props.image ?? adapterImageFromDockerfile(),
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'adapter', logGroup: this.logGroup }),
      environment: {
        [ENV.RequestsQueueUrl]: props.requestsQueue.queueUrl,
        [ENV.DocsBucket]: props.docsBucketName,
        [ENV.CertificateSecretPrefix]: certificateSecretPrefix(props.stage),
        ADAPTER_VISIBILITY_TIMEOUT_SECONDS: String(props.visibilityTimeoutSeconds ?? 60),
        ADAPTER_HEARTBEAT_SECONDS: '20',
        ADAPTER_SHUTDOWN_GRACE_SECONDS: '30',
        [ENV.CityLimitsTable]: props.cityLimitsTable.tableName,
        [ENV.CompaniesTable]: props.companiesTable.tableName,
        LOG_LEVEL: 'info',
        // Turns the adapter's X-Ray tracing on (adapter-container/tracing): each message a segment of its execution's trace.
        AWS_XRAY_DAEMON_ADDRESS: XRAY_DAEMON_ADDRESS,
        ...(props.municipalitiesFile !== undefined ? { MUNICIPALITIES_FILE: `/app/${props.municipalitiesFile}` } : {}),
        ...(props.providerEndpoint !== undefined ? { PROVIDER_ENDPOINT: props.providerEndpoint } : {}),
        ...nacionalEnvironment(props.nacional),
      },
      // ECS runs the check inside the container, so it reaches the health server on loopback, where
      // it binds by default (ADAPTER_HEALTH_HOST): nothing outside the task can read its stats.
      // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
      healthCheck: {
        command: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:8080/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        startPeriod: Duration.seconds(20),
        retries: 3,
      },
      // Longer than the 30 s drain, so SIGKILL never cuts it short.
      stopTimeout: Duration.seconds(45),
    });
    // Not essential: traces are lost while it restarts, invoices are not. It reaches X-Ray's
    // endpoint over HTTPS through the NAT like the cities (the security group allows 443 out).
    taskDefinition.addContainer('xray-daemon', {
      image: ecs.ContainerImage.fromRegistry(XRAY_DAEMON_IMAGE),
      essential: false,
      cpu: 32,
      memoryReservationMiB: 64,
      portMappings: [{ containerPort: 2000, protocol: ecs.Protocol.UDP }],
      environment: { AWS_REGION: Stack.of(this).region },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'xray', logGroup: this.logGroup }),
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', { vpc: props.vpc, description: 'nfse adapter: HTTPS out only', allowAllOutbound: false });
    for (const port of props.providerPorts ?? [443]) this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(port), `cities and AWS endpoints on ${port}`);
    if (!(props.providerPorts ?? [443]).includes(443)) this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'VPC endpoints');

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition,
      desiredCount: minTasks,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.securityGroup],
      assignPublicIp: false,
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      enableExecuteCommand: false,
    });
    this.addBacklogScaling(props.requestsQueue, minTasks, maxTasks, props.backlogPerTask ?? 50);

    acknowledge(
      this.taskRole,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason: 'states:SendTaskSuccess/Failure/Heartbeat and the X-Ray daemon\'s xray:PutTraceSegments/GetSampling* accept only Resource "*"; object access is limited to the nfse/* and xml/* prefixes; certificates to the stage\'s per-company secrets (nfse-{stage}/companies/*/certificate), one per company, created at run time.',
          findings: ['Resource::*', docsObjectsFinding(props.stage, 'xml/'), docsObjectsFinding(props.stage, 'nfse/'), certificateSecretsFinding(props.stage)],
        },
      ],
    );
    acknowledge(
      taskDefinition,
      [
        { id: 'AwsSolutions-ECS2', reason: 'The environment holds resource names and tuning only; the certificate is read from Secrets Manager at run time.' },
        { id: 'AwsSolutions-IAM5', reason: 'The execution role pulls from ECR (ecr:GetAuthorizationToken takes Resource "*" only).', findings: ['Resource::*'] },
      ],
    );
  }

  /**
   * Target tracking on messages visible ÷ running tasks (AWS's "backlog per instance" pattern):
   * https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking-metric-math.html
   */
  private addBacklogScaling(queue: sqs.IQueue, minTasks: number, maxTasks: number, backlogPerTask: number): void {
    const target = new appscaling.ScalableTarget(this, 'ScalableTarget', {
      serviceNamespace: appscaling.ServiceNamespace.ECS,
      resourceId: `service/${this.cluster.clusterName}/${this.service.serviceName}`,
      scalableDimension: 'ecs:service:DesiredCount',
      minCapacity: minTasks,
      maxCapacity: maxTasks,
    });
    new appscaling.CfnScalingPolicy(this, 'BacklogPerTaskScaling', {
      policyName: `${Stack.of(this).stackName}-adapter-backlog-per-task`,
      policyType: 'TargetTrackingScaling',
      scalingTargetId: target.scalableTargetId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: backlogPerTask,
        scaleInCooldown: 120,
        scaleOutCooldown: 30,
        customizedMetricSpecification: {
          metrics: [
            {
              id: 'visible',
              returnData: false,
              metricStat: { metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: [{ name: 'QueueName', value: queue.queueName }] }, stat: 'Sum' },
            },
            {
              id: 'running',
              returnData: false,
              metricStat: {
                metric: { namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', dimensions: [{ name: 'ClusterName', value: this.cluster.clusterName }, { name: 'ServiceName', value: this.service.serviceName }] },
                stat: 'Average',
              },
            },
            // No running task yet: count it as one, so the backlog still scales the service out.
            { id: 'backlogPerTask', expression: 'visible / IF(running < 1, 1, running)', label: 'Backlog per task', returnData: true },
          ],
        },
      },
    });
  }
}

/**
 * The adapter image from adapter-container/Dockerfile (context: the repository root). Synth only
 * stages the files the Dockerfile copies; the CDK CLI builds and pushes the image at deploy.
 */
export function adapterImageFromDockerfile(): ecs.ContainerImage {
  return ecs.ContainerImage.fromAsset(REPO_ROOT, {
    file: 'adapter-container/Dockerfile',
    platform: ecr_assets.Platform.LINUX_ARM64,
    ignoreMode: IgnoreMode.DOCKER,
    exclude: ['*', '!package.json', '!package-lock.json', '!contracts', '!lib', '!adapter-container', '**/node_modules', '**/*.test.ts'],
  });
}

/** The adapter's `NACIONAL_*` variables (`lib/municipalities/registry.ts`, `providers/defaultProviders.ts`): only those set. */
function nacionalEnvironment(nacional: NacionalSettings | undefined): Record<string, string> {
  return {
    ...(nacional?.endpoint !== undefined ? { NACIONAL_ENDPOINT: nacional.endpoint } : {}),
    ...(nacional?.caFile !== undefined ? { NACIONAL_CA_FILE: `/app/${nacional.caFile}` } : {}),
    ...(nacional?.danfseEndpoint !== undefined ? { NACIONAL_DANFSE_ENDPOINT: nacional.danfseEndpoint } : {}),
  };
}
