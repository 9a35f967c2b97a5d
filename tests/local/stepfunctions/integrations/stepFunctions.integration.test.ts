import { CreateStateMachineCommand, DeleteStateMachineCommand } from '@aws-sdk/client-sfn';
import { destroyIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { uniqueName } from '../../../harness/localCloudEnv';
import { invocation, rejectionOf } from './integrationTestDeps';
import { requireServices, SERVICE_START_TIMEOUT_MS } from '../../../harness/requireServices';
import { cloudDeps } from './sharedCloud';

const ROLE = 'arn:aws:iam::000000000000:role/sfn';

describe('Step Functions integrations against the local cloud', () => {
  const deps = cloudDeps();
  const machines: string[] = [];

  async function createMachine(definition: object): Promise<string> {
    const created = await deps.clients.sfn.send(new CreateStateMachineCommand({ name: uniqueName('child'), roleArn: ROLE, definition: JSON.stringify(definition) }));
    const arn = created.stateMachineArn ?? '';
    machines.push(arn);
    return arn;
  }

  beforeAll(async () => {
    await requireServices(['states'], SERVICE_START_TIMEOUT_MS);
  }, SERVICE_START_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    for (const arn of machines) await deps.clients.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn })).catch(() => undefined);
    destroyIntegrationClients(deps.clients);
  });

  it('startExecution answers ExecutionArn, StartDate in epoch milliseconds and HTTP metadata', async () => {
    // Arrange
    const machine = await createMachine({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } });

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::states:startExecution', { StateMachineArn: machine, Input: { n: 1 } }), deps);

    // Assert
    expect(result).toMatchObject({ ExecutionArn: expect.stringContaining(':execution:'), StartDate: expect.any(Number), SdkHttpMetadata: { HttpStatusCode: 200 } });
  });

  it('startExecution.sync:2 waits for the child and answers its parsed output', async () => {
    // Arrange
    const machine = await createMachine({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 2, Next: 'Done' }, Done: { Type: 'Pass', Result: { issued: true }, End: true } } });

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: machine, Input: { n: 1 } }), deps);

    // Assert
    expect(result).toMatchObject({ Status: 'SUCCEEDED', Input: { n: 1 }, Output: { issued: true }, StateMachineArn: machine, StartDate: expect.any(Number), StopDate: expect.any(Number) });
  });

  it('startExecution.sync fails with States.TaskFailed when the child fails', async () => {
    // Arrange
    const machine = await createMachine({ StartAt: 'Fail', States: { Fail: { Type: 'Fail', Error: 'Invoice.Failed', Cause: 'rejected by the city' } } });

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::states:startExecution.sync', { StateMachineArn: machine }), deps));

    // Assert
    expect(error).toMatchObject({ error: 'States.TaskFailed' });
    const cause: unknown = JSON.parse(error instanceof Error && 'cause' in error && typeof error.cause === 'string' ? error.cause : '{}');
    expect(cause).toMatchObject({ Status: 'FAILED', Error: 'Invoice.Failed', Cause: 'rejected by the city', Input: '{}' });
  });

  it('names a missing state machine StepFunctions.StateMachineDoesNotExistException', async () => {
    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::states:startExecution', { StateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope' }), deps));

    // Assert
    expect(error).toMatchObject({ error: 'StepFunctions.StateMachineDoesNotExistException', cause: expect.stringMatching(/\(Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: .+; Proxy: null\)$/) });
  });
});
