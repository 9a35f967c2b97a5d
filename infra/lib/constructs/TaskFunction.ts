import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { acknowledge } from '../nag/acknowledge';
import { VPC_FUNCTION_MANAGED_POLICIES } from '../nag/vpcFunctionPolicies';
import { Construct } from 'constructs';
import { fromRepoRoot } from '../paths';
import type { TaskSpec } from '../tasks/taskCatalog';
import { taskGrants, type BundledFile, type TaskResources } from '../tasks/taskAccess';
import { bundlingOptions, nodeFunctionDefaults } from './nodeFunctionDefaults';

/** Options of {@link TaskFunction}. */
export interface TaskFunctionProps {
  /** The task's key (`emit`): names the function's service in logs and traces. */
  readonly name: string;
  readonly spec: TaskSpec;
  readonly resources: TaskResources;
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  /** A fixed name, for a function others name before it exists. @default CloudFormation's */
  readonly functionName?: string;
  /** Extra environment (the trigger's queue URL). */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * One handler of tasks/ as a NodejsFunction: bundled by esbuild, ARM64, X-Ray, Powertools
 * environment, in the private subnets, with exactly the permissions and env vars its access list names.
 */
export class TaskFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;

  public constructor(scope: Construct, id: string, props: TaskFunctionProps) {
    super(scope, id);
    const grants = taskGrants(this, props.spec.access, props.resources);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      ...nodeFunctionDefaults(),
      ...(grants.bundledFiles.length > 0 ? { bundling: { ...bundlingOptions(), commandHooks: copyIntoBundle(grants.bundledFiles) } } : {}),
      ...(props.functionName !== undefined ? { functionName: props.functionName } : {}),
      entry: fromRepoRoot(props.spec.entry),
      handler: 'handler',
      description: props.spec.description,
      timeout: Duration.seconds(props.spec.timeoutSeconds ?? 10),
      memorySize: props.spec.memoryMb ?? 512,
      vpc: props.vpc,
      vpcSubnets: { subnets: props.vpc.privateSubnets },
      securityGroups: [props.securityGroup],
      logGroup: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY }),
      environment: {
        ...grants.environment,
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: `nfse-${props.name}`,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: 'NfseFlow',
        // Never log events or trace responses: they carry tomador data (LGPD).
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      },
    });
    for (const statement of grants.statements) this.function.addToRolePolicy(statement);
    acknowledge(
      this.function,
      [
        VPC_FUNCTION_MANAGED_POLICIES,
        {
          id: 'AwsSolutions-IAM5',
          reason: 'X-Ray PutTraceSegments/PutTelemetryRecords and Step Functions task-token calls (SendTaskFailure/Heartbeat) accept only Resource "*"; object access is limited to key prefixes (xml/*, nfse/*); execution ARNs end in :* because execution names are invoice ids.',
          findings: ['Resource::*', ...grants.wildcardFindings],
        },
      ],
    );
  }
}

/**
 * esbuild command hooks that copy `files` next to the bundled handler (local bundling: the
 * commands run on this machine, through node so they work wherever the CDK CLI does).
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lambda_nodejs-readme.html#command-hooks
 */
function copyIntoBundle(files: readonly BundledFile[]): nodejs.ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) =>
      files.map((file) => `node -e ${JSON.stringify(`require('node:fs').copyFileSync(${JSON.stringify(fromRepoRoot(file.source))}, ${JSON.stringify(`${outputDir}/${file.target}`)})`)}`),
  };
}
