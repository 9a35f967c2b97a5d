import { App, Stack } from 'aws-cdk-lib';
import { MissingSubstitutionError, WorkflowStateMachine } from '../../infra/lib/constructs/WorkflowStateMachine';
import { BILLING_WORKFLOWS } from '../../workflows/registry';

describe('WorkflowStateMachine', () => {
  it('refuses a definition whose placeholders the stack gives no value, naming them', () => {
    const build = (): WorkflowStateMachine =>
      new WorkflowStateMachine(new Stack(new App(), 'Test'), 'CnpjSync', { spec: BILLING_WORKFLOWS.cnpjSync, stage: 'dev', substitutions: { BillingUsageFunctionArn: 'arn:function/usage' }, placeholderArns: { BillingUsageFunctionArn: 'arn:function/usage' } });

    expect(build).toThrow(MissingSubstitutionError);
    expect(build).toThrow('CnpjSyncWorkflow names placeholder(s) with no substitution: BillingErpFunctionArn');
  });
});
