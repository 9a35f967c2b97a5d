import { SYNC_EXECUTION_RULE, workflowPermissions, UnscopedIntegrationError } from '../../infra/lib/workflows/workflowPermissions';
import type { StateMachineDefinition } from '../../workflows/asl/types';
import { ORDER_WORKFLOWS, WEBHOOK_WORKFLOWS, WORKFLOWS } from '../../workflows/registry';

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
      [SYNC_EXECUTION_RULE]: 'arn:aws:events:sa-east-1:1:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule',
    };
    expect(workflowPermissions(ORDER_WORKFLOWS.orderSaga.definition(), arns)).toEqual([
      { actions: ['rds-data:ExecuteStatement'], resources: ['arn:cluster/reporting'] },
      { actions: ['secretsmanager:GetSecretValue'], resources: ['arn:secret/saga'] },
      { actions: ['lambda:InvokeFunction'], resources: ['arn:function/relay', 'arn:function/invoice'] },
      { actions: ['states:StartExecution'], resources: ['arn:aws:states:sa-east-1:1:stateMachine:nfse-dev-EmissionWorkflow'] },
      { actions: ['states:DescribeExecution'], resources: ['arn:aws:states:sa-east-1:1:execution:nfse-dev-EmissionWorkflow:*'] },
      { actions: ['states:StopExecution'], resources: ['arn:aws:states:sa-east-1:1:execution:nfse-dev-EmissionWorkflow:*'] },
      { actions: ['events:PutTargets'], resources: [arns[SYNC_EXECUTION_RULE]] },
      { actions: ['events:PutRule'], resources: [arns[SYNC_EXECUTION_RULE]] },
      { actions: ['events:DescribeRule'], resources: [arns[SYNC_EXECUTION_RULE]] },
    ]);
  });

  it('refuses a .sync start without the managed rule’s ARN, and one whose executions it cannot name', () => {
    const sync = definition({ Start: task('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: '${WebhookDeliveryStateMachineArn}' }) });
    expect(() => workflowPermissions(sync, { ...ARNS, WebhookDeliveryStateMachineArn: 'arn:aws:states:r:1:stateMachine:m' })).toThrow(/state Start: .*needs the ARN of Step Functions' managed rule/);
    expect(() => workflowPermissions(sync, { ...ARNS, [SYNC_EXECUTION_RULE]: 'arn:rule' })).toThrow(/state Start: cannot name the executions of arn:stateMachine\/delivery/);
  });

  it('names a placeholder without a resource', () => {
    const unknown = definition({ Put: task('arn:aws:states:::dynamodb:updateItem', { TableName: '${TenantsTable}' }) });
    expect(() => workflowPermissions(unknown, ARNS)).toThrow(/no resource for placeholder \$\{TenantsTable\}/);
  });
});
