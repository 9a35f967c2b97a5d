import { DescribeExecutionCommand, ExecutionAlreadyExists, StartExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { invocation, rejectionOf, unitDeps } from './integrationTestDeps';

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:Child';
const EXECUTION = 'arn:aws:states:us-east-1:000000000000:execution:Child:run-1';
const START = new Date('2026-01-01T00:00:00.000Z');
const STOP = new Date('2026-01-01T00:00:05.000Z');

function described(status: 'RUNNING' | 'SUCCEEDED' | 'FAILED', extra: Partial<DescribeExecutionCommandOutput> = {}): DescribeExecutionCommandOutput {
  return {
    $metadata: { httpStatusCode: 200 },
    executionArn: EXECUTION,
    stateMachineArn: MACHINE,
    name: 'run-1',
    status,
    startDate: START,
    input: '{"n":1}',
    inputDetails: { included: true },
    ...(status === 'RUNNING' ? {} : { stopDate: STOP }),
    ...extra,
  };
}

describe('invokeTask with states:startExecution', () => {
  it('starts the execution with JSON input as text and answers ExecutionArn, StartDate and metadata', async () => {
    // Arrange
    const deps = unitDeps();
    const sfn = mockClient(deps.clients.sfn);
    sfn.on(StartExecutionCommand).resolves({ $metadata: { httpStatusCode: 200, requestId: 'REQ-6' }, executionArn: EXECUTION, startDate: START });

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::states:startExecution', { StateMachineArn: MACHINE, Name: 'run-1', Input: { n: 1 } }), deps);

    // Assert
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({ stateMachineArn: MACHINE, name: 'run-1', input: '{"n":1}' });
    expect(result).toEqual({
      ExecutionArn: EXECUTION,
      StartDate: START.getTime(),
      SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: 'REQ-6' },
    });
  });

  it('sends {} as input when none is given', async () => {
    // Arrange
    const deps = unitDeps();
    const sfn = mockClient(deps.clients.sfn);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START });

    // Act
    await invokeTask(invocation('arn:aws:states:::states:startExecution', { StateMachineArn: MACHINE }), deps);

    // Assert
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({ stateMachineArn: MACHINE, input: '{}' });
  });

  it('fails a duplicate name with StepFunctions.ExecutionAlreadyExistsException', async () => {
    // Arrange
    const deps = unitDeps();
    mockClient(deps.clients.sfn)
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists: run-1', $metadata: { httpStatusCode: 400, requestId: 'REQ-7' } }));

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::states:startExecution', { StateMachineArn: MACHINE, Name: 'run-1' }), deps));

    // Assert
    expect(error).toMatchObject({
      error: 'StepFunctions.ExecutionAlreadyExistsException',
      cause: 'Execution Already Exists: run-1 (Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionAlreadyExists; Request ID: REQ-7; Proxy: null)',
    });
  });

  it('.sync polls DescribeExecution through the clock and answers it with Output as text', async () => {
    // Arrange
    const deps = unitDeps();
    const sfn = mockClient(deps.clients.sfn);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START });
    sfn.on(DescribeExecutionCommand).resolvesOnce(described('RUNNING')).resolves(described('SUCCEEDED', { output: '{"done":true}', outputDetails: { included: true } }));

    // Act
    const pending = invokeTask(invocation('arn:aws:states:::states:startExecution.sync', { StateMachineArn: MACHINE, Input: { n: 1 } }), deps);
    await deps.clock.advance(0);
    const callsBeforeInterval = sfn.commandCalls(DescribeExecutionCommand).length;
    await deps.clock.advance(1000);
    const result = await pending;

    // Assert
    expect(callsBeforeInterval).toBe(1);
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(2);
    expect(result).toEqual({
      ExecutionArn: EXECUTION,
      StateMachineArn: MACHINE,
      Name: 'run-1',
      Status: 'SUCCEEDED',
      StartDate: START.getTime(),
      StopDate: STOP.getTime(),
      Input: '{"n":1}',
      InputDetails: { Included: true },
      Output: '{"done":true}',
      OutputDetails: { Included: true },
    });
  });

  it('.sync tells onSubmitted the StartExecution answer before it waits for the child', async () => {
    // Arrange
    const deps = unitDeps();
    const sfn = mockClient(deps.clients.sfn);
    sfn.on(StartExecutionCommand).resolves({ $metadata: { httpStatusCode: 200, requestId: 'REQ-8' }, executionArn: EXECUTION, startDate: START });
    sfn.on(DescribeExecutionCommand).resolves(described('RUNNING'));
    const submitted: unknown[] = [];
    const controller = new AbortController();

    // Act
    const pending = rejectionOf(invokeTask(invocation('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: MACHINE }, { signal: controller.signal, onSubmitted: (output) => submitted.push(output) }), deps));
    await deps.clock.advance(0);
    const describedWhileWaiting = sfn.commandCalls(DescribeExecutionCommand).length;
    controller.abort(new Error('stopped'));
    await pending;

    // Assert
    expect(submitted).toEqual([{
      ExecutionArn: EXECUTION,
      StartDate: START.getTime(),
      SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: 'REQ-8' },
    }]);
    expect(describedWhileWaiting).toBe(1);
  });

  it('.sync resumed with its TaskSubmitted output waits for that child and starts none', async () => {
    // Arrange
    const deps = unitDeps();
    const sfn = mockClient(deps.clients.sfn);
    sfn.on(DescribeExecutionCommand).resolves(described('SUCCEEDED', { output: '{"done":true}' }));
    const submitted: unknown[] = [];

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: MACHINE, Name: 'run-1' }, { submitted: { ExecutionArn: EXECUTION, StartDate: START.getTime() }, onSubmitted: (output) => submitted.push(output) }), deps);

    // Assert
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]?.args[0].input).toEqual({ executionArn: EXECUTION });
    expect(result).toMatchObject({ ExecutionArn: EXECUTION, Status: 'SUCCEEDED', Output: { done: true } });
    expect(submitted).toEqual([]);
  });

  it('.sync:2 answers with Input and Output parsed', async () => {
    // Arrange
    const deps = unitDeps();
    const sfn = mockClient(deps.clients.sfn);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START });
    sfn.on(DescribeExecutionCommand).resolves(described('SUCCEEDED', { output: '{"done":true}' }));

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: MACHINE }), deps);

    // Assert
    expect(result).toMatchObject({ Status: 'SUCCEEDED', Input: { n: 1 }, Output: { done: true } });
  });

  it('fails a failed child with States.TaskFailed and its description as cause', async () => {
    // Arrange
    const deps = unitDeps();
    const sfn = mockClient(deps.clients.sfn);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START });
    sfn.on(DescribeExecutionCommand).resolves(described('FAILED', { error: 'Invoice.Failed', cause: 'rejected' }));

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::states:startExecution.sync', { StateMachineArn: MACHINE }), deps));

    // Assert
    expect(error).toMatchObject({
      error: 'States.TaskFailed',
      cause: JSON.stringify({
        ExecutionArn: EXECUTION,
        StateMachineArn: MACHINE,
        Name: 'run-1',
        Status: 'FAILED',
        StartDate: START.getTime(),
        Input: '{"n":1}',
        InputDetails: { Included: true },
        StopDate: STOP.getTime(),
        Error: 'Invoice.Failed',
        Cause: 'rejected',
      }),
    });
  });

  it('stops polling and rejects with the abort reason when the engine aborts', async () => {
    // Arrange
    const deps = unitDeps();
    const sfn = mockClient(deps.clients.sfn);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START });
    sfn.on(DescribeExecutionCommand).resolves(described('RUNNING'));
    const controller = new AbortController();
    const reason = new Error('States.Timeout');

    // Act
    const pending = rejectionOf(invokeTask(invocation('arn:aws:states:::states:startExecution.sync', { StateMachineArn: MACHINE }, { signal: controller.signal }), deps));
    await deps.clock.advance(2500);
    controller.abort(reason);
    const error = await pending;
    await deps.clock.advance(5000);

    // Assert
    expect(error).toBe(reason);
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(3);
    expect(deps.clock.pendingDelays()).toEqual([]);
  });
});
