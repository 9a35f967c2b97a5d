import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { acknowledge } from '../nag/acknowledge';
import { Construct } from 'constructs';
import type { BillingPlaceholderName, OrderPlaceholderName, PlaceholderName, WebhookPlaceholderName } from '../../../contracts/wiring';
import { renderDefinition, type WorkflowSpec } from '../../../workflows/registry';
import { executionsFinding, stateMachineName } from '../naming';
import { workflowPermissions, type PlaceholderArns } from '../workflows/workflowPermissions';

/** Options of {@link WorkflowStateMachine}. */
export interface WorkflowStateMachineProps {
  readonly spec: WorkflowSpec;
  readonly stage: string;
  /** The value of every `${Placeholder}` the definition names (CloudFormation `DefinitionSubstitutions`). */
  readonly substitutions: Readonly<Partial<Record<PlaceholderName | WebhookPlaceholderName | BillingPlaceholderName | OrderPlaceholderName, string>>>;
  /** The ARN behind each placeholder, to scope the role. */
  readonly placeholderArns: PlaceholderArns;
  /**
   * cdk-nag IAM5 findings the role's wildcards raise, acknowledged with why (the executions of a
   * machine started `.sync`, whose names are not known in advance). @default none
   */
  readonly wildcardFindings?: readonly string[];
}

/** Thrown when a definition names a `${Placeholder}` the stack gives no value: it would reach AWS unfilled. */
export class MissingSubstitutionError extends Error {
  public constructor(workflow: string, missing: readonly string[]) {
    super(`${workflow} names placeholder(s) with no substitution: ${missing.join(', ')}`);
    this.name = 'MissingSubstitutionError';
  }
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
    const rendered = renderDefinition(definition);
    const missing = [...new Set([...rendered.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]))].filter((name) => !(name in props.substitutions));
    if (missing.length > 0) throw new MissingSubstitutionError(props.spec.name, missing);
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com'), description: `${props.spec.name}: only what its states call` });
    const name = stateMachineName(props.stage, props.spec.name);
    const stack = Stack.of(this);
    const ownExecutions = stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${name}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const needs = workflowPermissions(definition, props.placeholderArns, { executions: ownExecutions });
    const describesItself = needs.some((need) => need.resources.includes(ownExecutions));
    for (const need of needs) {
      this.role.addToPolicy(new iam.PolicyStatement({ actions: [...need.actions], resources: [...need.resources] }));
    }
    // vendedlogs/ keeps the log group out of the account's 5 KB CloudWatch Logs resource policy.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${name}`,
      retention: logs.RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'Resource', {
      stateMachineName: name,
      stateMachineType: props.spec.type === 'EXPRESS' ? sfn.StateMachineType.EXPRESS : sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromString(rendered),
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
          reason: 'X-Ray PutTraceSegments/GetSamplingRules and CloudWatch Logs delivery (logs:CreateLogDelivery etc.) only accept Resource "*"; a .sync start describes and stops executions of its child machine, and a run may describe its own machine\'s other runs, whose names are chosen per run (:*).',
          findings: ['Resource::*', ...(props.wildcardFindings ?? []), ...(describesItself ? [executionsFinding(stack.region, name)] : [])],
        },
      ],
    );
  }
}
