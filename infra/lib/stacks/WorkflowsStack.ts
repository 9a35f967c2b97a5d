import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { PlaceholderName } from '../../../contracts/wiring';
import { WORKFLOWS, type WorkflowSpec } from '../../../workflows/registry';
import { WorkflowStateMachine } from '../constructs/WorkflowStateMachine';
import { objectsArn } from '../naming';

/** Options of {@link WorkflowsStack}. */
export interface WorkflowsStackProps extends StackProps {
  readonly stage: string;
  readonly invoicesTable: dynamodb.ITable;
  /** The documents bucket's name (no cross-stack export needed). */
  readonly docsBucketName: string;
  readonly requestsQueue: sqs.IQueue;
  readonly failuresQueue: sqs.IQueue;
  readonly eventBus: events.IEventBus;
  readonly cluster: rds.IDatabaseCluster;
  /** The secret the workflows sign in to the Data API with (`${DbSecretArn}`): the report writer's, never the master's. */
  readonly dbSecret: secretsmanager.ISecret;
  readonly dbName: string;
  /** @default every entry of WORKFLOWS (workflows/registry.ts) */
  readonly workflows?: Readonly<Record<string, WorkflowSpec>>;
}

/**
 * One state machine per entry of workflows/registry.ts WORKFLOWS: adding a workflow there deploys
 * it, with a role scoped from its own Task states.
 */
export class WorkflowsStack extends Stack {
  /** By WORKFLOWS key (`emission`, later `cancellation`). */
  public readonly stateMachines: Readonly<Record<string, sfn.StateMachine>>;
  public readonly workflows: Readonly<Record<string, WorkflowStateMachine>>;

  public constructor(scope: Construct, id: string, props: WorkflowsStackProps) {
    super(scope, id, props);
    const substitutions: Record<PlaceholderName, string> = {
      InvoicesTable: props.invoicesTable.tableName,
      DocsBucket: props.docsBucketName,
      RequestsQueueUrl: props.requestsQueue.queueUrl,
      FailuresQueueUrl: props.failuresQueue.queueUrl,
      EventBusName: props.eventBus.eventBusName,
      DbClusterArn: props.cluster.clusterArn,
      DbSecretArn: props.dbSecret.secretArn,
      DbName: props.dbName,
    };
    const placeholderArns: Record<PlaceholderName, string> = {
      InvoicesTable: props.invoicesTable.tableArn,
      DocsBucket: objectsArn(props.docsBucketName, ''),
      RequestsQueueUrl: props.requestsQueue.queueArn,
      FailuresQueueUrl: props.failuresQueue.queueArn,
      EventBusName: props.eventBus.eventBusArn,
      DbClusterArn: props.cluster.clusterArn,
      DbSecretArn: props.dbSecret.secretArn,
      DbName: props.cluster.clusterArn,
    };
    const workflows: Record<string, WorkflowStateMachine> = {};
    for (const [key, spec] of Object.entries(props.workflows ?? WORKFLOWS)) {
      workflows[key] = new WorkflowStateMachine(this, spec.name, { spec, stage: props.stage, substitutions, placeholderArns });
      new CfnOutput(this, `${spec.name}Arn`, { value: workflows[key].stateMachine.stateMachineArn });
    }
    this.workflows = workflows;
    this.stateMachines = Object.fromEntries(Object.entries(workflows).map(([key, workflow]) => [key, workflow.stateMachine]));
  }
}
