import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { StatesError } from '../../../../local/stepfunctions/errors/StatesError';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { invocation, rejectionOf, unitDeps } from './integrationTestDeps';

describe('invokeTask', () => {
  it('rejects an unsupported resource with States.Runtime before calling anything', async () => {
    // Arrange
    const deps = unitDeps();
    const dynamo = mockClient(deps.clients.dynamodb);

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::dynamodb:scan', { TableName: 'T' }), deps));

    // Assert
    expect(error).toBeInstanceOf(StatesError);
    expect(error).toMatchObject({ error: 'States.Runtime' });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('rejects an activity resource: workers take activity tasks, nothing is called', async () => {
    // Arrange
    const deps = unitDeps();

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:us-east-1:000000000000:activity:review', {}), deps));

    // Assert
    expect(error).toMatchObject({
      error: 'States.Runtime',
      cause: 'The resource arn:aws:states:us-east-1:000000000000:activity:review is an activity: its tasks are taken by workers with GetActivityTask.',
    });
  });

  it('rejects with the abort reason, not a service error, once the engine has aborted the call', async () => {
    // Arrange
    const deps = unitDeps();
    const controller = new AbortController();
    const reason = new Error('execution stopped');
    mockClient(deps.clients.dynamodb)
      .on(GetItemCommand)
      .callsFake(async () => {
        controller.abort(reason);
        throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
      });

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::dynamodb:getItem', { TableName: 'T', Key: {} }, { signal: controller.signal }), deps));

    // Assert
    expect(error).toBe(reason);
  });
});
