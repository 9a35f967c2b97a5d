import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { acknowledge } from '../nag/acknowledge';
import { Construct } from 'constructs';
import type { OrderPlaceholderName, PlaceholderName, WebhookPlaceholderName } from '../../../contracts/wiring';
import { renderDefinition, type WorkflowSpec } from '../../../workflows/registry';
import { stateMachineName } from '../naming';
import { workflowPermissions, type PlaceholderArns } from '../workflows/workflowPermissions';

/** Options of {@link WorkflowStateMachine}. */
export interface WorkflowStateMachineProps {
  readonly spec: WorkflowSpec;
  readonly stage: string;
  /** The value of every `${Placeholder}` its definition names (CloudFormation `DefinitionSubstitutions`). */
  readonly substitutions: Readonly<Partial<Record<PlaceholderName | WebhookPlaceholderName | OrderPlaceholderName, string>>>;
  /** The ARN behind each placeholder, to scope the role. */
  readonly placeholderArns: PlaceholderArns;
  /**
   * cdk-nag IAM5 findings of the role's wildcards beyond X-Ray's and the log delivery's (every
   * execution of a state machine it waits for with `.sync`), acknowledged with the reason. @default none
   */
  readonly wildcardFindings?: readonly string[];
}

/**
 * A state machine from workflows/: the very definition `npm run workflows:export` writes, its
 * placeholders filled by DefinitionSubstitutions; logs at level ALL without execution data
 * (tomador data is personal data under LGPD), X-Ray on, and a role derived from its Task states.
 */
export class WorkflowStateMachine extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;

  public constructor(scope: Construct, id: string, props: WorkflowStateMachineProps) {
    super(scope, id);
    const definition = props.spec.definition();
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com'), description: `${props.spec.name}: only what its states call` });
    for (const need of workflowPermissions(definition, props.placeholderArns)) {
      this.role.addToPolicy(new iam.PolicyStatement({ actions: [...need.actions], resources: [...need.resources] }));
    }
    // vendedlogs/ keeps the log group out of the account's 5 KB CloudWatch Logs resource policy.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${stateMachineName(props.stage, props.spec.name)}`,
      retention: logs.RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'Resource', {
      stateMachineName: stateMachineName(props.stage, props.spec.name),
      stateMachineType: props.spec.type === 'EXPRESS' ? sfn.StateMachineType.EXPRESS : sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromString(renderDefinition(definition)),
      definitionSubstitutions: Object.fromEntries(Object.entries(props.substitutions).filter((entry): entry is [string, string] => entry[1] !== undefined)),
      role: this.role,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });
    acknowledge(
      this.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason: 'X-Ray PutTraceSegments/GetSamplingRules and CloudWatch Logs delivery (logs:CreateLogDelivery etc.) only accept Resource "*"; a child workflow waited for with .sync is described and stopped on its executions (named after what they run, hence :*).',
          findings: ['Resource::*', ...(props.wildcardFindings ?? [])],
        },
      ],
    );
  }
}
