import { workflowPermissions, UnscopedIntegrationError } from '../../infra/lib/workflows/workflowPermissions';
import type { StateMachineDefinition } from '../../workflows/asl/types';
import { BILLING_WORKFLOWS, ORDER_WORKFLOWS, WEBHOOK_WORKFLOWS, WORKFLOWS } from '../../workflows/registry';

const ARNS = {
  InvoicesTable: 'arn:table/invoices',
  RequestsQueueUrl: 'arn:queue/requests',
  FailuresQueueUrl: 'arn:queue/failures',
  EventBusName: 'arn:bus/nfse',
  DbClusterArn: 'arn:cluster/reporting',
  DbSecretArn: 'arn:secret/reporting',
  WebhooksTable: 'arn:table/webhooks',
  WebhookSenderFunctionArn: 'arn:function/sender',
  WebhookDeliveryStateMachineArn: 'arn:stateMachine/delivery',
};

const task = (Resource: string, Arguments: Record<string, unknown>): Record<string, unknown> => ({ Type: 'Task', Resource, Arguments, End: true });
const definition = (States: Record<string, unknown>): StateMachineDefinition => ({ StartAt: Object.keys(States)[0], States } as unknown as StateMachineDefinition);

describe('workflowPermissions', () => {
  it('maps each integration of EmissionWorkflow to one action on the resource its placeholder names', () => {
    expect(workflowPermissions(WORKFLOWS.emission.definition(), ARNS)).toEqual([
      { actions: ['dynamodb:UpdateItem'], resources: ['arn:table/invoices'] },
      { actions: ['sqs:SendMessage'], resources: ['arn:queue/requests', 'arn:queue/failures'] },
      { actions: ['rds-data:ExecuteStatement'], resources: ['arn:cluster/reporting'] },
      { actions: ['secretsmanager:GetSecretValue'], resources: ['arn:secret/reporting'] },
      { actions: ['events:PutEvents'], resources: ['arn:bus/nfse'] },
    ]);
  });

  it('reads the states nested in Parallel branches and Map processors', () => {
    const nested = definition({
      Fan: {
        Type: 'Parallel',
        End: true,
        Branches: [definition({ Put: task('arn:aws:states:::dynamodb:putItem', { TableName: '${InvoicesTable}' }) })],
      },
      Each: { Type: 'Map', End: true, ItemProcessor: definition({ Send: task('arn:aws:states:::sqs:sendMessage', { QueueUrl: '${FailuresQueueUrl}' }) }) },
    });
    expect(workflowPermissions(nested, ARNS)).toEqual([
      { actions: ['dynamodb:PutItem'], resources: ['arn:table/invoices'] },
      { actions: ['sqs:SendMessage'], resources: ['arn:queue/failures'] },
    ]);
  });

  it('refuses a resource that is not a placeholder, so nothing is granted on "*"', () => {
    const literal = definition({ Put: task('arn:aws:states:::dynamodb:updateItem', { TableName: '{% $states.input.table %}' }) });
    expect(() => workflowPermissions(literal, ARNS)).toThrow(UnscopedIntegrationError);
    expect(() => workflowPermissions(literal, ARNS)).toThrow(/state Put: TableName must be a \$\{Placeholder\}/);
  });

  it('refuses an integration it has no mapping for', () => {
    const sns = definition({ Call: task('arn:aws:states:::sns:publish', { TopicArn: 'f' }) });
    expect(() => workflowPermissions(sns, ARNS)).toThrow(/no least-privilege mapping for arn:aws:states:::sns:publish/);
  });

  it('lets WebhookDeliveryWorkflow invoke the sender and touch the webhooks table and the bus only', () => {
    expect(workflowPermissions(WEBHOOK_WORKFLOWS.webhookDelivery.definition(), ARNS)).toEqual([
      { actions: ['dynamodb:UpdateItem'], resources: ['arn:table/webhooks'] },
      { actions: ['dynamodb:GetItem'], resources: ['arn:table/webhooks'] },
      { actions: ['lambda:InvokeFunction'], resources: ['arn:function/sender'] },
      { actions: ['events:PutEvents'], resources: ['arn:bus/nfse'] },
    ]);
  });

  it('lets WebhookFanoutWorkflow query the lookup index and start only the delivery workflow', () => {
    expect(workflowPermissions(WEBHOOK_WORKFLOWS.webhookFanout.definition(), ARNS)).toEqual([
      { actions: ['dynamodb:Query'], resources: ['arn:table/webhooks/index/lookup'] },
      { actions: ['states:StartExecution'], resources: ['arn:stateMachine/delivery'] },
    ]);
  });

  it('lets OrderSagaWorkflow wait for EmissionWorkflow with what AWS documents for .sync, invoke its two functions and sign in with its secret', () => {
    const arns = {
      EmissionStateMachineArn: 'arn:aws:states:sa-east-1:1:stateMachine:nfse-dev-EmissionWorkflow',
      OrderInvoiceFunctionArn: 'arn:function/invoice',
      OutboxRelayFunctionArn: 'arn:function/relay',
      DbClusterArn: 'arn:cluster/reporting',
      DbSecretArn: 'arn:secret/saga',
    };
    const rule = 'arn:aws:events:sa-east-1:1:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule';
    expect(workflowPermissions(ORDER_WORKFLOWS.orderSaga.definition(), arns)).toEqual([
      { actions: ['rds-data:ExecuteStatement'], resources: ['arn:cluster/reporting'] },
      { actions: ['secretsmanager:GetSecretValue'], resources: ['arn:secret/saga'] },
      { actions: ['lambda:InvokeFunction'], resources: ['arn:function/relay', 'arn:function/invoice'] },
      { actions: ['states:StartExecution'], resources: ['arn:aws:states:sa-east-1:1:stateMachine:nfse-dev-EmissionWorkflow'] },
      { actions: ['states:DescribeExecution'], resources: ['arn:aws:states:sa-east-1:1:execution:nfse-dev-EmissionWorkflow:*'] },
      { actions: ['states:StopExecution'], resources: ['arn:aws:states:sa-east-1:1:execution:nfse-dev-EmissionWorkflow:*'] },
      { actions: ['events:PutTargets'], resources: [rule] },
      { actions: ['events:PutRule'], resources: [rule] },
      { actions: ['events:DescribeRule'], resources: [rule] },
    ]);
  });

  it('names a placeholder without a resource', () => {
    const unknown = definition({ Put: task('arn:aws:states:::dynamodb:updateItem', { TableName: '${TenantsTable}' }) });
    expect(() => workflowPermissions(unknown, ARNS)).toThrow(/no resource for placeholder \$\{TenantsTable\}/);
  });

  describe('a .sync start', () => {
    const BILLING_ARNS = {
      EmissionStateMachineArn: 'arn:aws:states:sa-east-1:123456789012:stateMachine:nfse-dev-EmissionWorkflow',
      BillingFailuresQueueUrl: 'arn:queue/billing-failures',
      BillingUsageFunctionArn: 'arn:function/usage',
      BillingErpFunctionArn: 'arn:function/erp',
      BillingInvoiceFunctionArn: 'arn:function/invoice',
      DbClusterArn: 'arn:cluster/reporting',
      DbSecretArn: 'arn:secret/billing-writer',
    };

    it('also describes and stops the child machine’s executions and manages the rule Step Functions watches them with', () => {
      const own = { executions: 'arn:aws:states:sa-east-1:123456789012:execution:nfse-dev-BillingCycleWorkflow:*' };
      expect(workflowPermissions(BILLING_WORKFLOWS.billingCycle.definition(), BILLING_ARNS, own)).toEqual([
        { actions: ['lambda:InvokeFunction'], resources: ['arn:function/usage', 'arn:function/erp', 'arn:function/invoice'] },
        { actions: ['rds-data:ExecuteStatement'], resources: ['arn:cluster/reporting'] },
        { actions: ['secretsmanager:GetSecretValue'], resources: ['arn:secret/billing-writer'] },
        // DescribeHolder: whether the run holding the month still runs.
        { actions: ['states:DescribeExecution'], resources: ['arn:aws:states:sa-east-1:123456789012:execution:nfse-dev-BillingCycleWorkflow:*', 'arn:aws:states:sa-east-1:123456789012:execution:nfse-dev-EmissionWorkflow:*'] },
        { actions: ['states:StartExecution'], resources: ['arn:aws:states:sa-east-1:123456789012:stateMachine:nfse-dev-EmissionWorkflow'] },
        { actions: ['states:StopExecution'], resources: ['arn:aws:states:sa-east-1:123456789012:execution:nfse-dev-EmissionWorkflow:*'] },
        { actions: ['events:PutTargets'], resources: ['arn:aws:events:sa-east-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule'] },
        { actions: ['events:PutRule'], resources: ['arn:aws:events:sa-east-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule'] },
        { actions: ['events:DescribeRule'], resources: ['arn:aws:events:sa-east-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule'] },
        { actions: ['sqs:SendMessage'], resources: ['arn:queue/billing-failures'] },
      ]);
    });

    it('grants a fire-and-forget start StartExecution alone', () => {
      const start = definition({ Start: task('arn:aws:states:::states:startExecution', { StateMachineArn: '${EmissionStateMachineArn}' }) });
      expect(workflowPermissions(start, BILLING_ARNS)).toEqual([{ actions: ['states:StartExecution'], resources: ['arn:aws:states:sa-east-1:123456789012:stateMachine:nfse-dev-EmissionWorkflow'] }]);
    });

    it('scopes a describeExecution to the workflow’s own executions, and refuses it when they are not given', () => {
      const describe = definition({ Describe: task('arn:aws:states:::aws-sdk:sfn:describeExecution', { ExecutionArn: '{% $holder %}' }) });
      expect(workflowPermissions(describe, ARNS, { executions: 'arn:execution/own:*' })).toEqual([{ actions: ['states:DescribeExecution'], resources: ['arn:execution/own:*'] }]);
      expect(() => workflowPermissions(describe, ARNS)).toThrow("state Describe: describeExecution is scoped to the workflow's own executions, which were not given");
    });

    it('refuses a .sync start of a machine not named by its ARN, whose executions it could not scope', () => {
      const start = definition({ Start: task('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: '${WebhookDeliveryStateMachineArn}' }) });
      expect(() => workflowPermissions(start, ARNS)).toThrow('state Start: a .sync start needs a state machine ARN by name, got arn:stateMachine/delivery');
    });
  });
});
