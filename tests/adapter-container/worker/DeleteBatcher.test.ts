import { DeleteMessageBatchCommand, SQSClient, type DeleteMessageBatchCommandInput, type DeleteMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import pino, { type Logger } from 'pino';
import { DEFAULT_DELETE_LINGER_MS, DeleteBatcher } from '../../../adapter-container/worker/DeleteBatcher';
import { FakeClock } from '../../../lib/clock/FakeClock';
import { QUEUE_URL } from '../support/fixtures';

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

function setup(options: { lingerMs?: number } = {}) {
  const sqs = new SQSClient({ region: 'us-east-1' });
  const sqsMock = mockClient(sqs);
  sqsMock.on(DeleteMessageBatchCommand).callsFake((input: DeleteMessageBatchCommandInput): Partial<DeleteMessageBatchCommandOutput> => ({
    Successful: (input.Entries ?? []).map((entry) => ({ Id: entry.Id })),
    Failed: [],
  }));
  const lines: LogLine[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  const clock = new FakeClock();
  const batcher = new DeleteBatcher({ sqs, queueUrl: QUEUE_URL, clock, logger, ...options });
  /** The receipt handles of each DeleteMessageBatch sent, one array per call. */
  const batches = (): string[][] => sqsMock.commandCalls(DeleteMessageBatchCommand).map((call) => (call.args[0].input.Entries ?? []).map((entry) => entry.ReceiptHandle ?? ''));
  return { sqsMock, batcher, clock, lines, logger, batches };
}

const handles = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => `rh-${from + i}`);

describe('DeleteBatcher', () => {
  it('sends 10 pending deletes at once without waiting for the linger', async () => {
    const t = setup();

    const done = Promise.all(handles(1, 10).map((handle) => t.batcher.delete(handle)));
    await done;

    expect(t.batches()).toEqual([handles(1, 10)]);
    expect(t.sqsMock.commandCalls(DeleteMessageBatchCommand)[0]?.args[0].input.Entries?.map((entry) => entry.Id)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(t.batcher.pendingCount).toBe(0);
  });

  it('starts the next batch with the 11th delete, which waits for its linger', async () => {
    const t = setup();

    handles(1, 11).forEach((handle) => void t.batcher.delete(handle));
    await t.clock.advance(0);
    const afterTen = t.batches();
    await t.clock.advance(DEFAULT_DELETE_LINGER_MS);

    expect(afterTen).toEqual([handles(1, 10)]);
    expect(t.batches()).toEqual([handles(1, 10), ['rh-11']]);
  });

  it('sends fewer than 10 once the first has waited the linger (DEFAULT_DELETE_LINGER_MS by default)', async () => {
    const t = setup();
    void t.batcher.delete('rh-1');
    await t.clock.advance(5);
    void t.batcher.delete('rh-2');

    await t.clock.advance(DEFAULT_DELETE_LINGER_MS - 6);
    const before = t.batches();
    await t.clock.advance(1);

    expect(before).toEqual([]);
    expect(t.batches()).toEqual([['rh-1', 'rh-2']]);
  });

  it('waits the configured linger', async () => {
    const t = setup({ lingerMs: 50 });
    void t.batcher.delete('rh-1');

    await t.clock.advance(49);
    const before = t.batches();
    await t.clock.advance(1);

    expect([before, t.batches()]).toEqual([[], [['rh-1']]]);
  });

  it('sends what is pending on stop, resolves once answered, and sends later deletes at once', async () => {
    const t = setup();
    const pending = Promise.all([t.batcher.delete('rh-1'), t.batcher.delete('rh-2')]);

    await t.batcher.stop();
    await pending;
    const afterStop = t.batches();
    await t.batcher.delete('rh-3');

    expect(afterStop).toEqual([['rh-1', 'rh-2']]);
    expect(t.batches()).toEqual([['rh-1', 'rh-2'], ['rh-3']]);
    expect(t.clock.pendingDelays()).toEqual([]);
  });

  it('waits on stop for a batch already on its way', async () => {
    const t = setup();
    let answer: (() => void) | undefined;
    t.sqsMock.on(DeleteMessageBatchCommand).callsFake(
      (input: DeleteMessageBatchCommandInput) =>
        new Promise<Partial<DeleteMessageBatchCommandOutput>>((resolve) => {
          answer = () => resolve({ Successful: (input.Entries ?? []).map((entry) => ({ Id: entry.Id })), Failed: [] });
        }),
    );
    handles(1, 10).forEach((handle) => void t.batcher.delete(handle));
    let stopped = false;

    const stopping = t.batcher.stop().then(() => (stopped = true));
    await t.clock.advance(0);
    const stoppedBeforeAnswer = stopped;
    answer?.();
    await stopping;

    expect(stoppedBeforeAnswer).toBe(false);
    expect(stopped).toBe(true);
  });

  it('logs an entry SQS could not delete on that message\'s logger, leaves it, and completes the others', async () => {
    const t = setup();
    t.sqsMock.on(DeleteMessageBatchCommand).resolves({
      Successful: [{ Id: '0' }, { Id: '2' }],
      Failed: [{ Id: '1', Code: 'ReceiptHandleIsInvalid', SenderFault: true, Message: 'The input receipt handle is not valid.' }],
    });
    const messageLog: Logger = t.logger.child({ messageId: 'm-2' });

    await Promise.all([t.batcher.delete('rh-1'), t.batcher.delete('rh-2', messageLog), t.batcher.delete('rh-3'), t.batcher.flush()]);

    expect(t.batches()).toEqual([['rh-1', 'rh-2', 'rh-3']]);
    expect(t.lines.map(({ level, msg, messageId, code, senderFault, reason }) => ({ level, msg, messageId, code, senderFault, reason }))).toEqual([
      { level: 40, msg: 'could not delete the message', messageId: 'm-2', code: 'ReceiptHandleIsInvalid', senderFault: true, reason: 'The input receipt handle is not valid.' },
    ]);
  });

  it('logs every entry of a batch whose call failed and resolves their deletes without retrying', async () => {
    const t = setup();
    t.sqsMock.on(DeleteMessageBatchCommand).rejects(new Error('connect ECONNREFUSED'));

    await Promise.all([t.batcher.delete('rh-1', t.logger.child({ messageId: 'm-1' })), t.batcher.delete('rh-2', t.logger.child({ messageId: 'm-2' })), t.batcher.flush()]);
    await t.clock.advance(1_000);

    expect(t.sqsMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(1);
    expect(t.lines.map((line) => [line.messageId, line.msg, (line.err as { message?: string } | undefined)?.message])).toEqual([
      ['m-1', 'could not delete the message', 'connect ECONNREFUSED'],
      ['m-2', 'could not delete the message', 'connect ECONNREFUSED'],
    ]);
  });

  it('logs a message without a receipt handle instead of putting it in a batch', async () => {
    const t = setup();

    await t.batcher.delete(undefined);
    await t.batcher.flush();

    expect(t.batches()).toEqual([]);
    expect(t.lines.map((line) => line.msg)).toEqual(['could not delete the message: it has no receipt handle']);
  });

  it('refuses a batch size SQS would reject', () => {
    const sqs = new SQSClient({ region: 'us-east-1' });

    expect(() => new DeleteBatcher({ sqs, queueUrl: QUEUE_URL, clock: new FakeClock(), logger: pino({ level: 'silent' }), maxBatchSize: 11 })).toThrow(
      'maxBatchSize must be an integer from 1 to 10, got 11',
    );
  });
});
