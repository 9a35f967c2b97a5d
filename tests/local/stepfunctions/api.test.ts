import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  RedriveExecutionCommand,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  TestStateCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { eventually } from '../../harness/eventually';
import { executionEnded } from '../../harness/executionEnded';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

const ROLE = 'arn:aws:iam::000000000000:role/sfn';
const PASS = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const WAIT = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 600, End: true } } });
const FAIL = JSON.stringify({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom', Cause: 'it broke' } } });

const sfn = new SFNClient({ ...testClientConfig(), maxAttempts: 1, disableHostPrefix: true });

afterAll(() => sfn.destroy());

async function createMachine(definition: string, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Promise<string> {
  const out = await sfn.send(new CreateStateMachineCommand({ name: uniqueName('sm'), definition, roleArn: ROLE, type }));
  return out.stateMachineArn ?? '';
}

function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return executionEnded(sfn, executionArn);
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected the call to fail');
}

describe('state machines', () => {
  it('creates, describes, updates, lists and deletes a state machine', async () => {
    const arn = await createMachine(PASS);

    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    const updated = await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: FAIL }));
    const afterUpdate = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    const listed = await sfn.send(new ListStateMachinesCommand({ maxResults: 1000 }));
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    const gone = await rejection(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })));

    expect(described).toMatchObject({ stateMachineArn: arn, definition: PASS, roleArn: ROLE, type: 'STANDARD', status: 'ACTIVE' });
    expect(described.creationDate).toBeInstanceOf(Date);
    expect(updated.updateDate).toBeInstanceOf(Date);
    expect(afterUpdate.definition).toBe(FAIL);
    expect(listed.stateMachines?.some((m) => m.stateMachineArn === arn)).toBe(true);
    expect(gone.name).toBe('StateMachineDoesNotExist');
  });

  it('rejects an invalid definition with InvalidDefinition worded as AWS words it', async () => {
    const definition = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '2016-12-05 21:29:29Z', End: true } } });

    const error = await rejection(sfn.send(new CreateStateMachineCommand({ name: uniqueName('bad'), definition, roleArn: ROLE })));

    expect(error).toEqual({
      name: 'InvalidDefinition',
      message: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/W/Timestamp'",
    });
  });

  it('rejects a name with reserved characters and a malformed role ARN', async () => {
    const badName = await rejection(sfn.send(new CreateStateMachineCommand({ name: 'has space', definition: PASS, roleArn: ROLE })));
    const badRole = await rejection(sfn.send(new CreateStateMachineCommand({ name: uniqueName('sm'), definition: PASS, roleArn: 'nope' })));

    expect(badName.name).toBe('InvalidName');
    expect(badRole.name).toBe('InvalidArn');
  });

  it('validates a definition and reports diagnostics', async () => {
    const ok = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS }));
    const bad = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify({ StartAt: 'X', States: { P: { Type: 'Pass', End: true } } }) }));

    expect(ok.result).toBe('OK');
    expect(bad.result).toBe('FAIL');
    expect(bad.diagnostics?.[0]?.severity).toBe('ERROR');
  });
});

describe('executions', () => {
  it('runs an execution and serves its history with pagination, reverse order and without data', async () => {
    const arn = await createMachine(PASS);
    const { executionArn = '' } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"a":1}' }));

    const done = await finished(executionArn);
    const page1 = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 2 }));
    const page2 = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 2, nextToken: page1.nextToken }));
    const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, includeExecutionData: false }));

    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"a":1}', input: '{"a":1}', redriveCount: 0 });
    expect(page1.events?.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered']);
    expect(page2.events?.map((e) => [e.type, e.id, e.previousEventId])).toEqual([['PassStateExited', 3, 2], ['ExecutionSucceeded', 4, 3]]);
    expect(page2.nextToken).toBeUndefined();
    expect(reversed.events?.map((e) => e.type)).toEqual(['ExecutionSucceeded', 'PassStateExited', 'PassStateEntered', 'ExecutionStarted']);
    expect(reversed.events?.[0]?.executionSucceededEventDetails).toEqual({});
    expect(page1.events?.[1]?.stateEnteredEventDetails).toEqual({ name: 'P', input: '{"a":1}', inputDetails: { truncated: false } });
  });

  it('returns the same execution for the same name and input while it runs, else ExecutionAlreadyExists', async () => {
    const arn = await createMachine(WAIT);
    const name = uniqueName('ex');

    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name, input: '{}' }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name, input: '{}' }));
    const otherInput = await rejection(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name, input: '{"x":1}' })));
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn, error: 'Stopped', cause: 'by test' }));
    const afterStop = await rejection(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name, input: '{}' })));
    const stopped = await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }));

    expect(again.executionArn).toBe(first.executionArn);
    expect(otherInput.name).toBe('ExecutionAlreadyExists');
    expect(afterStop.name).toBe('ExecutionAlreadyExists');
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Stopped', cause: 'by test' });
  });

  it('lists executions newest first, filtered by status, page by page', async () => {
    const arn = await createMachine(WAIT);
    const a = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'a' }));
    await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'b' }));
    await sfn.send(new StopExecutionCommand({ executionArn: a.executionArn }));

    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }));
    const first = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 1 }));
    const second = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 1, nextToken: first.nextToken }));

    expect(running.executions?.map((e) => e.name)).toEqual(['b']);
    expect(first.executions?.map((e) => e.name)).toEqual(['b']);
    expect(second.executions?.map((e) => [e.name, e.status])).toEqual([['a', 'ABORTED']]);
    expect(second.nextToken).toBeUndefined();
  });

  it('records the Fail state error and cause and redrives only unsuccessful executions', async () => {
    const failing = await createMachine(FAIL);
    const passing = await createMachine(PASS);
    const failed = await sfn.send(new StartExecutionCommand({ stateMachineArn: failing }));
    const succeeded = await sfn.send(new StartExecutionCommand({ stateMachineArn: passing }));
    await finished(failed.executionArn ?? '');
    await finished(succeeded.executionArn ?? '');

    const notRedrivable = await rejection(sfn.send(new RedriveExecutionCommand({ executionArn: succeeded.executionArn })));
    const redriven = await sfn.send(new RedriveExecutionCommand({ executionArn: failed.executionArn }));
    const afterRedrive = await finished(failed.executionArn ?? '');
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: failed.executionArn }));

    expect(notRedrivable.name).toBe('ExecutionNotRedrivable');
    expect(redriven.redriveDate).toBeInstanceOf(Date);
    expect(afterRedrive).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'it broke', redriveCount: 1, redriveStatus: 'REDRIVABLE' });
    expect(history.events?.map((e) => e.type)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed', 'ExecutionRedriven', 'FailStateEntered', 'ExecutionFailed']);
  });

  it('describes the state machine an execution ran', async () => {
    const arn = await createMachine(PASS);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));

    const out = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));

    expect(out).toMatchObject({ stateMachineArn: arn, definition: PASS, roleArn: ROLE });
  });

  it('runs an EXPRESS machine synchronously and refuses StartSyncExecution on STANDARD', async () => {
    const express = await createMachine(JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { ok: true }, End: true } } }), 'EXPRESS');
    const standard = await createMachine(PASS);

    const out = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: express, input: '{}' }));
    const refused = await rejection(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: standard })));

    expect(out).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":true}' });
    expect(out.executionArn).toContain(':express:');
    expect(refused.name).toBe('StateMachineTypeNotSupported');
  });
});

describe('task tokens', () => {
  it('resumes a waitForTaskToken task on SendTaskSuccess and refuses the token afterwards', async () => {
    const child = await createMachine(WAIT);
    const parent = await createMachine(
      JSON.stringify({
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
            Parameters: { StateMachineArn: child, Input: { 'token.$': '$$.Task.Token' } },
            HeartbeatSeconds: 600,
            End: true,
          },
        },
      }),
    );
    const { executionArn = '' } = await sfn.send(new StartExecutionCommand({ stateMachineArn: parent }));
    const token = await childToken(child);

    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    const done = await finished(executionArn);
    const late = await rejection(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })));

    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });
    expect(late).toEqual({ name: 'TaskDoesNotExist', message: 'Task does not exist anymore' });
  });

  it('answers InvalidToken to every callback with a malformed or unknown token, as AWS does', async () => {
    const tokens = ['not a token!', 'dW5rbm93bg'];

    const answers = await Promise.all(
      tokens.flatMap((taskToken) => [
        rejection(sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))),
        rejection(sfn.send(new SendTaskFailureCommand({ taskToken, error: 'E' }))),
        rejection(sfn.send(new SendTaskHeartbeatCommand({ taskToken }))),
      ]),
    );

    expect(answers).toEqual(Array.from({ length: 6 }, () => ({ name: 'InvalidToken', message: "Invalid Token: 'Invalid token'" })));
  });

  it('answers InvalidOutput to SendTaskSuccess with output that is not JSON', async () => {
    const badOutput = await rejection(sfn.send(new SendTaskSuccessCommand({ taskToken: 'dW5rbm93bg', output: '{nope' })));

    expect(badOutput).toEqual({ name: 'InvalidOutput', message: "Invalid Output: '{nope'" });
  });
});

async function childToken(childArn: string): Promise<string> {
  const executionArn = await eventually('the child execution started', async () => (await sfn.send(new ListExecutionsCommand({ stateMachineArn: childArn }))).executions?.[0]?.executionArn, (arn) => arn !== undefined);
  const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  return (JSON.parse(described.input ?? '{}') as { token: string }).token;
}

describe('TestState', () => {
  it('runs one state on its own and reports its output and next state', async () => {
    const definition = JSON.stringify({ Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, Next: 'Later' });

    const out = await sfn.send(new TestStateCommand({ definition, roleArn: ROLE, input: '{"n":4}' }));

    expect(out).toMatchObject({ status: 'SUCCEEDED', output: '{"doubled":8}', nextState: 'Later' });
  });
});

describe('protocol errors', () => {
  const post = async (target: string, body: string): Promise<{ status: number; body: { __type: string; message: string } }> => {
    const response = await fetch(testClientConfig().endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' },
      body,
    });
    return { status: response.status, body: (await response.json()) as { __type: string; message: string } };
  };

  it('answers an unknown operation with UnknownOperationException', async () => {
    const out = await post('AWSStepFunctions.DoSomething', '{}');

    expect(out).toEqual({ status: 400, body: { __type: 'UnknownOperationException', message: 'Unknown operation DoSomething' } });
  });

  it('answers a malformed body with SerializationException and a missing member with ValidationException', async () => {
    const malformed = await post('AWSStepFunctions.DescribeExecution', '{not json');
    const missing = await post('AWSStepFunctions.DescribeExecution', '{}');

    expect(malformed.status).toBe(400);
    expect(malformed.body.__type).toBe('SerializationException');
    expect(missing.body).toEqual({
      __type: 'ValidationException',
      message: "1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be null",
    });
  });

  it('answers InvalidArn and ExecutionDoesNotExist', async () => {
    const invalid = await rejection(sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:x' })));
    const missing = await rejection(sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:x:y' })));

    expect(invalid.name).toBe('InvalidArn');
    expect(missing).toEqual({ name: 'ExecutionDoesNotExist', message: "Execution Does Not Exist: 'arn:aws:states:us-east-1:000000000000:execution:x:y'" });
  });
});
