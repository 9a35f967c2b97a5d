import { RedriveExecutionCommand, SendTaskFailureCommand, SendTaskSuccessCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { DeleteQueueCommand } from '@aws-sdk/client-sqs';
import emission from '../../workflows/emission.asl.json';
import cancellation from '../../workflows/cancellation.asl.json';
import { parseAslDefinition, type AslDefinition } from '../../web/src/graph/aslDefinition';
import { buildGraphModel } from '../../web/src/graph/buildGraphModel';
import type { GraphModel, StateRun } from '../../web/src/graph/graphModel';
import { eventually } from '../harness/eventually';
import { SfnHistory } from './sfnHistory';

const cloud = new SfnHistory();
let queueUrl = '';

beforeAll(async () => {
  queueUrl = await cloud.createQueue();
});

afterAll(async () => {
  if (queueUrl !== '') await cloud.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  cloud.destroy();
});

/** A definition object as the console gets it: JSON text, parsed and checked. */
function asl(definition: object): AslDefinition {
  return parseAslDefinition(JSON.stringify(definition));
}

/** Status of every state node (markers and branches left out). */
function statuses(model: GraphModel): Record<string, string> {
  return Object.fromEntries(model.nodes.filter((n) => n.kind === 'state').map((n) => [n.id, n.run.status]));
}

function takenEdges(model: GraphModel): string[] {
  return model.edges.filter((e) => e.taken).map((e) => `${e.source}->${e.target}:${e.kind}`);
}

function run(model: GraphModel, id: string): StateRun {
  const found = model.runs.get(id);
  if (found === undefined) throw new Error(`no run for ${id}`);
  return found;
}

/** A task that hands its token to the test through SQS and waits for it. */
function waitingTask(extra: object): object {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    Arguments: { QueueUrl: queueUrl, MessageBody: '{% $string({"token": $states.context.Task.Token}) %}' },
    ...extra,
  };
}

describe('buildGraphModel structure', () => {
  it('draws the emission workflow with its catches, choice rules, default and terminal edges', () => {
    const model = buildGraphModel(asl(emission), []);

    expect(model.edges.map((e) => [e.source, e.target, e.kind, e.label ?? ''])).toEqual([
      ['__start__', 'MarkProcessing', 'start', ''],
      ['MarkProcessing', 'RequestIssuance', 'next', ''],
      ['RequestIssuance', 'CheckOutcome', 'next', ''],
      ['RequestIssuance', 'MarkFailed', 'catch', 'Provider.Rejected +6'],
      ['CheckOutcome', 'MarkIssued', 'choice', '$result.outcome = "issued"'],
      ['CheckOutcome', 'WaitForCity', 'choice', '$result.outcome = "accepted" and…'],
      ['CheckOutcome', 'CityNeverAnswered', 'default', 'Default'],
      ['WaitForCity', 'ConsultBatch', 'next', ''],
      ['ConsultBatch', 'CheckOutcome', 'next', ''],
      ['ConsultBatch', 'MarkFailed', 'catch', 'Provider.Rejected +6'],
      ['CityNeverAnswered', 'MarkFailed', 'next', ''],
      ['MarkIssued', 'ReportIssued', 'next', ''],
      ['ReportIssued', 'PublishIssued', 'next', ''],
      ['PublishIssued', 'Issued', 'next', ''],
      ['Issued', '__end__', 'end', ''],
      ['MarkFailed', 'ReportFailed', 'next', ''],
      ['ReportFailed', 'RouteFailure', 'next', ''],
      ['RouteFailure', 'PublishFailed', 'next', ''],
      ['PublishFailed', 'InvoiceFailed', 'next', ''],
      ['InvoiceFailed', '__end__', 'end', ''],
    ]);
    expect(model.edges.find((e) => e.kind === 'catch')?.title).toBe('Catch: Provider.Rejected, Provider.DeadLettered, Provider.Mismatch, Provider.CertificateMissing, Provider.Transient, Provider.Ambiguous, States.Timeout');
    expect(model.nodes.filter((n) => n.retry).map((n) => n.id)).toEqual([
      'MarkProcessing', 'RequestIssuance', 'ConsultBatch', 'MarkIssued', 'ReportIssued', 'PublishIssued', 'MarkFailed', 'ReportFailed', 'RouteFailure', 'PublishFailed',
    ]);
    expect(new Set(model.nodes.map((n) => n.run.status))).toEqual(new Set(['not-reached']));
  });

  it('draws the cancellation workflow with every state between Start and End', () => {
    const model = buildGraphModel(asl(cancellation), []);

    expect(model.nodes.map((n) => `${n.kind}:${n.id}:${n.stateType}`)).toEqual([
      'start:__start__:',
      'state:MarkCancelling:Task',
      'state:RequestCancellation:Task',
      'state:MarkCancelled:Task',
      'state:ReportCancelled:Task',
      'state:PublishCancelled:Task',
      'state:Cancelled:Succeed',
      'state:RestoreIssued:Task',
      'state:ReportRestored:Task',
      'state:RouteFailure:Task',
      'state:CancellationRefused:Fail',
      'end:__end__:',
    ]);
  });

  it('nests Map processor states and Parallel branches as compound children', () => {
    const definition = parseAslDefinition(
      JSON.stringify({
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
              { StartAt: 'Each', States: { Each: { Type: 'Map', Iterator: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, End: true } } },
            ],
            End: true,
          },
        },
      }),
    );

    const model = buildGraphModel(definition, []);

    expect(model.nodes.map((n) => [n.id, n.parentId ?? null, n.compound])).toEqual([
      ['__start__', null, false],
      ['Fan', null, true],
      ['Fan::branch1', 'Fan', true],
      ['Left', 'Fan::branch1', false],
      ['Fan::branch2', 'Fan', true],
      ['Each', 'Fan::branch2', true],
      ['Item', 'Each', false],
      ['__end__', null, false],
    ]);
    expect(model.edges.map((e) => e.id)).toEqual(['__start__->Fan:start', 'Fan->__end__:end']);
  });

  it('rejects a definition without States', () => {
    expect(() => parseAslDefinition('{"StartAt":"A"}')).toThrow(/has no States/);
  });

  it('keeps the structure key when only the run changes, and changes it with the shape', () => {
    const a = buildGraphModel(asl(emission), []);
    const b = buildGraphModel(asl(emission), [{ id: 1, timestamp: '2026-01-01T00:00:00.000Z', type: 'ExecutionStarted' }]);
    const other = buildGraphModel(asl(cancellation), []);

    expect(b.structure.key).toBe(a.structure.key);
    expect(other.structure.key).not.toBe(a.structure.key);
  });
});

describe('buildGraphModel over real histories', () => {
  it('marks a task caught after its retries, with every attempt and the catch edge taken', async () => {
    const missing = queueUrl.replace(/[^/]+$/, 'no-such-queue');
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Arguments: { QueueUrl: missing, MessageBody: 'x' },
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }],
          Next: 'Done',
        },
        Recover: { Type: 'Pass', Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const executionArn = await cloud.start(await cloud.createMachine(definition));
    await cloud.settled(executionArn);

    const model = buildGraphModel(asl(definition), await cloud.timeline(executionArn), 'SUCCEEDED');

    expect(statuses(model)).toEqual({ Call: 'caught', Recover: 'succeeded', Done: 'succeeded' });
    const call = run(model, 'Call');
    expect([call.attemptCount, call.failedAttemptCount, call.enteredCount]).toEqual([3, 3, 1]);
    expect(call.visits[0]?.attempts.map((a) => [a.number, a.outcome, a.error])).toEqual([
      [1, 'failed', 'SQS.QueueDoesNotExistException'],
      [2, 'failed', 'SQS.QueueDoesNotExistException'],
      [3, 'failed', 'SQS.QueueDoesNotExistException'],
    ]);
    expect(call.visits[0]?.resource).toBe('sqs:sendMessage');
    expect(takenEdges(model)).toEqual(['__start__->Call:start', 'Call->Recover:catch', 'Recover->Done:next', 'Done->__end__:end']);
    expect(run(model, '__end__').status).toBe('succeeded');
  });

  it('shows a waiting task running, then retried with its failed attempt once it succeeds', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Ask',
      States: {
        Ask: waitingTask({ Retry: [{ ErrorEquals: ['Provider.Transient'], IntervalSeconds: 1, MaxAttempts: 3 }], Assign: { answer: '{% $states.result.answer %}' }, Next: 'Done' }),
        Done: { Type: 'Succeed' },
      },
    };
    const executionArn = await cloud.start(await cloud.createMachine(definition), { invoiceId: 'i-1' });
    const first = await cloud.nextToken(queueUrl);

    const whileWaiting = buildGraphModel(asl(definition), await cloud.timeline(executionArn), 'RUNNING');
    await cloud.sfn.send(new SendTaskFailureCommand({ taskToken: first, error: 'Provider.Transient', cause: 'city busy' }));
    const second = await cloud.nextToken(queueUrl);
    await cloud.sfn.send(new SendTaskSuccessCommand({ taskToken: second, output: '{"answer":42}' }));
    await cloud.settled(executionArn);
    const done = buildGraphModel(asl(definition), await cloud.timeline(executionArn), 'SUCCEEDED');

    expect(statuses(whileWaiting)).toEqual({ Ask: 'running', Done: 'not-reached' });
    expect(run(whileWaiting, '__end__').status).toBe('not-reached');
    expect(run(whileWaiting, 'Ask').visits[0]?.input).toBe('{"invoiceId":"i-1"}');
    expect(statuses(done)).toEqual({ Ask: 'retried', Done: 'succeeded' });
    const ask = run(done, 'Ask');
    expect([ask.attemptCount, ask.failedAttemptCount]).toEqual([2, 1]);
    expect(ask.visits[0]?.attempts.map((a) => [a.number, a.outcome, a.error ?? null, a.cause ?? null])).toEqual([
      [1, 'failed', 'Provider.Transient', 'city busy'],
      [2, 'succeeded', null, null],
    ]);
    expect(ask.visits[0]?.assignedVariables).toEqual({ answer: '42' });
  });

  it('counts every pass through a Wait and Choice poll loop', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { polls: 0 }, Next: 'Poll' },
        Poll: { Type: 'Wait', Seconds: 1, Assign: { polls: '{% $polls + 1 %}' }, Next: 'Check' },
        Check: { Type: 'Choice', Choices: [{ Condition: '{% $polls < 3 %}', Next: 'Poll' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const executionArn = await cloud.start(await cloud.createMachine(definition));
    await cloud.settled(executionArn);

    const model = buildGraphModel(asl(definition), await cloud.timeline(executionArn), 'SUCCEEDED');

    expect(statuses(model)).toEqual({ Init: 'succeeded', Poll: 'succeeded', Check: 'succeeded', Done: 'succeeded' });
    expect(['Init', 'Poll', 'Check', 'Done'].map((s) => run(model, s).enteredCount)).toEqual([1, 3, 3, 1]);
    expect(run(model, 'Poll').visits.map((v) => v.assignedVariables?.polls)).toEqual(['1', '2', '3']);
    expect(takenEdges(model)).toEqual(['__start__->Init:start', 'Init->Poll:next', 'Poll->Check:next', 'Check->Poll:choice', 'Check->Done:default', 'Done->__end__:end']);
  });

  it('lets the last outcome win after a redrive and keeps the failed attempt', async () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'Report', States: { Report: waitingTask({ Next: 'Done' }), Done: { Type: 'Succeed' } } };
    const executionArn = await cloud.start(await cloud.createMachine(definition));
    await cloud.sfn.send(new SendTaskFailureCommand({ taskToken: await cloud.nextToken(queueUrl), error: 'Report.Down', cause: 'database unavailable' }));
    await cloud.settled(executionArn);

    const failed = buildGraphModel(asl(definition), await cloud.timeline(executionArn), 'FAILED');
    await cloud.sfn.send(new RedriveExecutionCommand({ executionArn }));
    await cloud.sfn.send(new SendTaskSuccessCommand({ taskToken: await cloud.nextToken(queueUrl), output: '{}' }));
    const status = await cloud.settled(executionArn);
    const redriven = buildGraphModel(asl(definition), await cloud.timeline(executionArn), status);

    expect(statuses(failed)).toEqual({ Report: 'failed', Done: 'not-reached' });
    expect(run(failed, 'Report').visits[0]).toMatchObject({ status: 'failed', error: 'Report.Down', cause: 'database unavailable' });
    expect(run(failed, '__end__')).toMatchObject({ status: 'failed', visits: [{ error: 'Report.Down' }] });
    expect(status).toBe('SUCCEEDED');
    expect(statuses(redriven)).toEqual({ Report: 'retried', Done: 'succeeded' });
    const report = run(redriven, 'Report');
    expect(report.visits.map((v) => [v.redrive, v.status])).toEqual([
      [0, 'failed'],
      [1, 'succeeded'],
    ]);
    expect([report.attemptCount, report.failedAttemptCount]).toEqual([2, 1]);
    expect(run(redriven, '__end__').status).toBe('succeeded');
  });

  it('follows Map iterations and a Parallel whose failed branch is caught', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Items',
      States: {
        Items: {
          Type: 'Map',
          Items: '{% [1, 2, 3] %}',
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Double', States: { Double: { Type: 'Pass', Output: '{% $states.input * 2 %}', End: true } } },
          Next: 'Both',
        },
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Fine', States: { Fine: { Type: 'Pass', End: true } } },
            { StartAt: 'Broken', States: { Broken: { Type: 'Fail', Error: 'Branch.Broken', Cause: 'no' } } },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }],
          Next: 'Done',
        },
        Handled: { Type: 'Pass', Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const executionArn = await cloud.start(await cloud.createMachine(definition));
    await cloud.settled(executionArn);

    const model = buildGraphModel(asl(definition), await cloud.timeline(executionArn), 'SUCCEEDED');

    expect(statuses(model)).toEqual({ Items: 'succeeded', Double: 'succeeded', Both: 'caught', Fine: 'succeeded', Broken: 'failed', Handled: 'succeeded', Done: 'succeeded' });
    expect(run(model, 'Double').visits.map((v) => [v.iteration, v.output])).toEqual([
      [0, '2'],
      [1, '4'],
      [2, '6'],
    ]);
    expect(run(model, 'Items').visits[0]?.output).toBe('[2,4,6]');
    expect(run(model, 'Both').visits[0]).toMatchObject({ status: 'caught', error: 'Branch.Broken', cause: 'no' });
    expect(takenEdges(model)).toEqual(['__start__->Items:start', 'Items->Both:next', 'Both->Handled:catch', 'Handled->Done:next', 'Done->__end__:end']);
  });

  it('ends at a Fail state: the state failed, the path into End taken, End failed with its error', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Decide',
      States: {
        Decide: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.ok %}', Next: 'Done' }], Default: 'Reject' },
        Reject: { Type: 'Fail', Error: 'Invoice.Rejected', Cause: 'the city said no' },
        Done: { Type: 'Succeed' },
      },
    };
    const executionArn = await cloud.start(await cloud.createMachine(definition), { ok: false });
    const status = await cloud.settled(executionArn);

    const model = buildGraphModel(asl(definition), await cloud.timeline(executionArn), status);

    expect(status).toBe('FAILED');
    expect(statuses(model)).toEqual({ Decide: 'succeeded', Reject: 'failed', Done: 'not-reached' });
    expect(run(model, 'Reject').visits[0]).toMatchObject({ status: 'failed', error: 'Invoice.Rejected', cause: 'the city said no' });
    expect(takenEdges(model)).toEqual(['__start__->Decide:start', 'Decide->Reject:default', 'Reject->__end__:end']);
    expect(run(model, '__end__')).toMatchObject({ status: 'failed', visits: [{ error: 'Invoice.Rejected', cause: 'the city said no' }] });
  });

  it('shows the state an execution was stopped in as aborted', async () => {
    const definition = { StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', Seconds: 600, Next: 'After' }, After: { Type: 'Succeed' } } };
    const executionArn = await cloud.start(await cloud.createMachine(definition));
    await cloud.sfn.send(new StopExecutionCommand({ executionArn, error: 'Ops.Stopped', cause: 'by hand' }));
    await cloud.settled(executionArn);

    const model = buildGraphModel(asl(definition), await cloud.timeline(executionArn), 'ABORTED');

    expect(statuses(model)).toEqual({ Sleep: 'aborted', After: 'not-reached' });
    expect(run(model, '__end__')).toMatchObject({ status: 'aborted', visits: [{ error: 'Ops.Stopped', cause: 'by hand' }] });
  });

  it('shows a task stopped while it waited for a retry as aborted, its failed attempt kept', async () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'Ask', States: { Ask: waitingTask({ Retry: [{ ErrorEquals: ['Provider.Transient'], IntervalSeconds: 600, MaxAttempts: 3 }], Next: 'Done' }), Done: { Type: 'Succeed' } } };
    const executionArn = await cloud.start(await cloud.createMachine(definition));
    await cloud.sfn.send(new SendTaskFailureCommand({ taskToken: await cloud.nextToken(queueUrl), error: 'Provider.Transient', cause: 'city down' }));
    await eventuallyHistoryHas(executionArn, 'TaskFailed');
    await cloud.sfn.send(new StopExecutionCommand({ executionArn, error: 'Ops.Stopped', cause: 'by hand' }));
    await cloud.settled(executionArn);

    const model = buildGraphModel(asl(definition), await cloud.timeline(executionArn), 'ABORTED');

    expect(statuses(model)).toEqual({ Ask: 'aborted', Done: 'not-reached' });
    expect(run(model, 'Ask').visits[0]?.attempts.map((a) => [a.number, a.outcome, a.error])).toEqual([[1, 'failed', 'Provider.Transient']]);
  });

  it('shows a task stopped while its call ran as aborted', async () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'Ask', States: { Ask: waitingTask({ Next: 'Done' }), Done: { Type: 'Succeed' } } };
    const executionArn = await cloud.start(await cloud.createMachine(definition));
    await cloud.nextToken(queueUrl);
    await cloud.sfn.send(new StopExecutionCommand({ executionArn, error: 'Ops.Stopped', cause: 'by hand' }));
    await cloud.settled(executionArn);

    const model = buildGraphModel(asl(definition), await cloud.timeline(executionArn), 'ABORTED');

    expect(statuses(model)).toEqual({ Ask: 'aborted', Done: 'not-reached' });
  });
});

async function eventuallyHistoryHas(executionArn: string, type: string): Promise<void> {
  await eventually(`${type} in the history`, () => cloud.timeline(executionArn), (timeline) => timeline.some((e) => e.type === type));
}
