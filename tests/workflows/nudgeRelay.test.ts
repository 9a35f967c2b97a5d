import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { substitutePlaceholders } from '../../workflows/asl/placeholders';
import { LAMBDA_RETRY } from '../../workflows/steps/retryPolicies';
import { nudgeRelay } from '../../workflows/steps/nudgeRelay';
import { executionEnded } from '../harness/executionEnded';
import { testClientConfig, uniqueName } from '../harness/localCloudEnv';

describe('nudgeRelay', () => {
  it('renders an asynchronous invoke of the relay that goes on to next whatever happens', () => {
    expect(nudgeRelay({ next: 'Done' })).toEqual({
      Type: 'Task',
      Comment: 'Wakes the outbox relay: the rows this execution just wrote are published now, not at the next minute',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: '${OutboxRelayFunctionArn}', InvocationType: 'Event', Payload: { nudgedBy: '{% $states.context.Execution.Id %}' } },
      Output: '{% $states.input %}',
      Retry: [LAMBDA_RETRY],
      Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Done', Output: '{% $states.input %}' }],
      Next: 'Done',
    });
  });

  it('lets the workflow go on with its input when the relay cannot be invoked (the schedule publishes the rows)', async () => {
    const sfn = new SFNClient(testClientConfig());
    const definition = { QueryLanguage: 'JSONata', StartAt: 'NudgeRelay', States: { NudgeRelay: nudgeRelay({ next: 'Done' }), Done: { Type: 'Succeed' } } };
    const missing = `arn:aws:lambda:us-east-1:000000000000:function:${uniqueName('no-relay')}`;
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: uniqueName('nudge'), roleArn: 'arn:aws:iam::000000000000:role/nfse-states', definition: substitutePlaceholders(JSON.stringify(definition), { OutboxRelayFunctionArn: missing }) }),
    );

    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ orderId: 'o-1' }) }));
    const ended = await executionEnded(sfn, executionArn, { timeoutMs: 20_000, intervalMs: 100 });

    expect({ status: ended.status, output: JSON.parse(ended.output ?? 'null') }).toEqual({ status: 'SUCCEEDED', output: { orderId: 'o-1' } });
  });
});
