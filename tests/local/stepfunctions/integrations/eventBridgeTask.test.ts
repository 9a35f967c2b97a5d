import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { invocation, rejectionOf, unitDeps } from './integrationTestDeps';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:Emission';
const EXECUTION_ARN = 'arn:aws:states:us-east-1:000000000000:execution:Emission:inv-1';

describe('invokeTask with events:putEvents', () => {
  it('sends JSON details as text, adds the state machine and execution ARNs, and answers the entries', async () => {
    // Arrange
    const deps = unitDeps();
    const events = mockClient(deps.clients.eventbridge);
    events.on(PutEventsCommand).resolves({ $metadata: { httpStatusCode: 200 }, Entries: [{ EventId: 'e-1' }], FailedEntryCount: 0 });
    const parameters = { Entries: [{ Source: 'nfse', DetailType: 'InvoiceIssued', Detail: { invoiceId: 'inv-1' }, EventBusName: 'bus', Resources: ['r'] }] };

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::events:putEvents', parameters, { stateMachineArn: STATE_MACHINE_ARN, executionArn: EXECUTION_ARN }), deps);

    // Assert
    expect(events.commandCalls(PutEventsCommand)[0]?.args[0].input).toEqual({
      Entries: [{ Source: 'nfse', DetailType: 'InvoiceIssued', Detail: '{"invoiceId":"inv-1"}', EventBusName: 'bus', Resources: ['r', STATE_MACHINE_ARN, EXECUTION_ARN] }],
    });
    expect(result).toEqual({ Entries: [{ EventId: 'e-1' }], FailedEntryCount: 0 });
  });

  it('fails with EventBridge.FailedEntry when an entry is refused', async () => {
    // Arrange
    const deps = unitDeps();
    const answer = { Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }], FailedEntryCount: 1 };
    mockClient(deps.clients.eventbridge).on(PutEventsCommand).resolves(answer);

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::events:putEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }), deps));

    // Assert
    expect(error).toMatchObject({ error: 'EventBridge.FailedEntry', cause: JSON.stringify(answer) });
  });
});
