import { ArnFormat, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { WEBHOOK_EVENT_ROUTES } from '../../../contracts/webhookEvents';
import { DEFAULT_BILLING_SCHEMA } from '../../../contracts/billingSchemaSql';
import { DEFAULT_ORDERS_SCHEMAS } from '../../../contracts/ordersSchemaNames';
import type { BillingPlaceholderName, OrderPlaceholderName, PlaceholderName, WebhookPlaceholderName } from '../../../contracts/wiring';
import { ALL_WORKFLOWS, BILLING_WORKFLOWS, ORDER_WORKFLOWS, WEBHOOK_WORKFLOWS, WORKFLOWS, type WorkflowSpec } from '../../../workflows/registry';
import { BillingSchedules } from '../constructs/BillingSchedules';
import { WebhookSender } from '../constructs/WebhookSender';
import { WorkflowStateMachine } from '../constructs/WorkflowStateMachine';
import { executionsFinding, objectsArn, outboxRelayFunctionArn, stateMachineName, workflowFunctionArn } from '../naming';
import { TASK_SPECS } from '../tasks/taskCatalog';

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
  /** Where the webhook sender runs (its private subnets, behind the NAT). */
  readonly vpc: ec2.IVpc;
  readonly webhooksTable: dynamodb.ITable;
  readonly webhooksKey: kms.IKey;
  /** The secret OrderSagaWorkflow's SQL states sign in to the Data API with (`nfse_order_saga`). */
  readonly orderSagaDbSecret: secretsmanager.ISecret;
  /** @default every entry of ALL_WORKFLOWS (workflows/registry.ts) */
  readonly workflows?: Readonly<Record<string, WorkflowSpec>>;
  /** Usage billing: where companies that failed go, and the Data API user the billing workflow writes as. */
  readonly billing: { readonly failuresQueue: sqs.IQueue; readonly dbSecret: secretsmanager.ISecret };
}

/**
 * One state machine per entry of workflows/registry.ts ALL_WORKFLOWS and BILLING_WORKFLOWS: adding
 * a workflow there deploys it, with a role scoped from its own Task states. Also the webhook sender
 * the delivery workflow invokes, the bus rule that starts the webhook fan-out, the schedules that
 * start the billing workflows, and OrderSagaWorkflow (ORDER_WORKFLOWS) with its own Data API user,
 * its invoice Lambda and the outbox relay it nudges (both named, created by ComputeStack).
 */
export class WorkflowsStack extends Stack {
  /** By WORKFLOWS key (`emission`, later `cancellation`). */
  public readonly stateMachines: Readonly<Record<string, sfn.StateMachine>>;
  public readonly workflows: Readonly<Record<string, WorkflowStateMachine>>;
  /** The daily billing run and the weekly CNPJ sync (EventBridge Scheduler). */
  public readonly billingSchedules: BillingSchedules;

  public constructor(scope: Construct, id: string, props: WorkflowsStackProps) {
    super(scope, id, props);
    const sender = new WebhookSender(this, 'WebhookSender', { stage: props.stage, vpc: props.vpc, webhooksKey: props.webhooksKey });
    // Named, not referenced: the fan-out's definition names the delivery machine, built in the same loop.
    const deliveryArn = this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName(props.stage, WEBHOOK_WORKFLOWS.webhookDelivery.name), arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const substitutions: Record<PlaceholderName | WebhookPlaceholderName, string> = {
      InvoicesTable: props.invoicesTable.tableName,
      DocsBucket: props.docsBucketName,
      RequestsQueueUrl: props.requestsQueue.queueUrl,
      FailuresQueueUrl: props.failuresQueue.queueUrl,
      EventBusName: props.eventBus.eventBusName,
      DbClusterArn: props.cluster.clusterArn,
      DbSecretArn: props.dbSecret.secretArn,
      DbName: props.dbName,
      WebhooksTable: props.webhooksTable.tableName,
      WebhookSenderFunctionArn: sender.function.functionArn,
      WebhookDeliveryStateMachineArn: deliveryArn,
    };
    const placeholderArns: Record<PlaceholderName | WebhookPlaceholderName, string> = {
      InvoicesTable: props.invoicesTable.tableArn,
      DocsBucket: objectsArn(props.docsBucketName, ''),
      RequestsQueueUrl: props.requestsQueue.queueArn,
      FailuresQueueUrl: props.failuresQueue.queueArn,
      EventBusName: props.eventBus.eventBusArn,
      DbClusterArn: props.cluster.clusterArn,
      DbSecretArn: props.dbSecret.secretArn,
      DbName: props.cluster.clusterArn,
      WebhooksTable: props.webhooksTable.tableArn,
      WebhookSenderFunctionArn: sender.function.functionArn,
      WebhookDeliveryStateMachineArn: deliveryArn,
    };
    const workflows: Record<string, WorkflowStateMachine> = {};
    for (const [key, spec] of Object.entries(props.workflows ?? ALL_WORKFLOWS)) {
      workflows[key] = new WorkflowStateMachine(this, spec.name, { spec, stage: props.stage, substitutions, placeholderArns });
      new CfnOutput(this, `${spec.name}Arn`, { value: workflows[key].stateMachine.stateMachineArn });
    }
    this.billingSchedules = this.createBillingWorkflows(props, workflows);
    this.createOrderSaga(props, workflows);
    this.workflows = workflows;
    const fanout = workflows.webhookFanout;
    if (fanout !== undefined) {
      // Every bus event a webhook type is made from starts the fan-out, with the event as its input:
      // an Express machine, started asynchronously (StartExecution), logged at level ALL like the others.
      new events.Rule(this, 'WebhookEvents', {
        eventBus: props.eventBus,
        description: 'Bus events tenants may subscribe webhooks to: start WebhookFanoutWorkflow',
        eventPattern: { source: [...new Set(WEBHOOK_EVENT_ROUTES.map((route) => route.source))], detailType: WEBHOOK_EVENT_ROUTES.map((route) => route.detailType) },
        targets: [new targets.SfnStateMachine(fanout.stateMachine)],
      });
    }
    this.stateMachines = Object.fromEntries(Object.entries(workflows).map(([key, workflow]) => [key, workflow.stateMachine]));
  }

  /**
   * OrderSagaWorkflow: Aurora as `nfse_order_saga` (not the report writer the invoice workflows
   * use), EmissionWorkflow waited for with `startExecution.sync:2`, the invoice Lambda and the relay
   * by their fixed names (ComputeStack, deployed after this stack, creates them).
   */
  private createOrderSaga(props: WorkflowsStackProps, workflows: Record<string, WorkflowStateMachine>): void {
    const emissionName = stateMachineName(props.stage, WORKFLOWS.emission.name);
    const order: Record<OrderPlaceholderName, string> = {
      EmissionStateMachineArn: this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: emissionName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      OrderInvoiceFunctionArn: workflowFunctionArn(props.stage, TASK_SPECS.orderInvoice.trigger.functionName),
      OutboxRelayFunctionArn: outboxRelayFunctionArn(props.stage),
      DbClusterArn: props.cluster.clusterArn,
      DbSecretArn: props.orderSagaDbSecret.secretArn,
      DbName: props.dbName,
      StockSchema: DEFAULT_ORDERS_SCHEMAS.stock,
      OrdersSchema: DEFAULT_ORDERS_SCHEMAS.orders,
    };
    // The emission is started .sync: its executions are described and stopped by name (invoice ids).
    const wildcardFindings = [executionsFinding(this.region, emissionName)];
    for (const [key, spec] of Object.entries(ORDER_WORKFLOWS)) {
      workflows[key] = new WorkflowStateMachine(this, spec.name, { spec, stage: props.stage, substitutions: order, placeholderArns: { ...order, DbName: props.cluster.clusterArn }, wildcardFindings });
      new CfnOutput(this, `${spec.name}Arn`, { value: workflows[key].stateMachine.stateMachineArn });
    }
  }

  /**
   * BillingCycleWorkflow and CnpjSyncWorkflow with their own placeholders: the billing Lambdas by
   * their fixed names (ComputeStack creates them after this stack), EmissionWorkflow by its name,
   * Aurora as the billing writer in the `billing` schema; and the schedules that start them.
   */
  private createBillingWorkflows(props: WorkflowsStackProps, workflows: Record<string, WorkflowStateMachine>): BillingSchedules {
    const machineArn = (name: string): string => this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName(props.stage, name), arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const functions: Partial<Record<BillingPlaceholderName | OrderPlaceholderName, string>> = {};
    for (const spec of Object.values(TASK_SPECS)) {
      const trigger = 'trigger' in spec ? spec.trigger : undefined;
      if (trigger?.kind === 'workflow') functions[trigger.placeholder] = workflowFunctionArn(props.stage, trigger.functionName);
    }
    const emissionArn = machineArn(WORKFLOWS.emission.name);
    const values = (field: 'value' | 'arn'): Record<BillingPlaceholderName, string> => ({
      EmissionStateMachineArn: emissionArn,
      BillingFailuresQueueUrl: field === 'value' ? props.billing.failuresQueue.queueUrl : props.billing.failuresQueue.queueArn,
      BillingUsageFunctionArn: required(functions.BillingUsageFunctionArn, 'BillingUsageFunctionArn'),
      BillingErpFunctionArn: required(functions.BillingErpFunctionArn, 'BillingErpFunctionArn'),
      BillingInvoiceFunctionArn: required(functions.BillingInvoiceFunctionArn, 'BillingInvoiceFunctionArn'),
      DbClusterArn: props.cluster.clusterArn,
      DbSecretArn: props.billing.dbSecret.secretArn,
      DbName: field === 'value' ? props.dbName : props.cluster.clusterArn,
      BillingSchema: DEFAULT_BILLING_SCHEMA,
    });
    // The emission is started .sync: its executions are described and stopped by name (invoice ids).
    const wildcardFindings = [executionsFinding(this.region, stateMachineName(props.stage, WORKFLOWS.emission.name))];
    for (const [key, spec] of Object.entries(BILLING_WORKFLOWS)) {
      workflows[key] = new WorkflowStateMachine(this, spec.name, { spec, stage: props.stage, substitutions: values('value'), placeholderArns: values('arn'), wildcardFindings });
      new CfnOutput(this, `${spec.name}Arn`, { value: workflows[key].stateMachine.stateMachineArn });
    }
    return new BillingSchedules(this, 'BillingSchedules', {
      stage: props.stage,
      stateMachines: { billingCycle: required(workflows.billingCycle, 'billingCycle').stateMachine, cnpjSync: required(workflows.cnpjSync, 'cnpjSync').stateMachine },
    });
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`billing needs ${what}, which the task catalog or workflows/registry.ts does not define`);
  return value;
}
