import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { ChangeMessageVisibilityCommand, DeleteMessageBatchCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message, type ReceiveMessageCommandOutput } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import pino from 'pino';
import type { ProviderOutcome } from '../../../adapter-container/providers/Provider';
import { RejectedProviderError } from '../../../adapter-container/providers/errors';
import { AdapterWorker, type AdapterWorkerOptions, WORKER_DEFAULTS } from '../../../adapter-container/worker/AdapterWorker';
import { FakeClock } from '../../../lib/clock/FakeClock';
import { deferred, FakeProvider, untilAborted } from '../support/FakeProvider';
import { BUCKET, CITY_LIMITS_TABLE, emitRequest, issuedOutcome, QUEUE_URL, RIO, sqsMessage, testRegistry } from '../support/fixtures';
import { deletedHandles, workerMocks, type WorkerMocks } from '../support/workerMocks';

interface Setup extends WorkerMocks {
  readonly clock: FakeClock;
  readonly provider: FakeProvider;
  readonly worker: AdapterWorker;
  /** Batches ReceiveMessage hands out, in order; once empty it long-polls 20 s (fake time) and returns nothing. */
  readonly batches: Array<Message[] | Promise<Message[]>>;
  receives(): number;
}

async function setup(options: Partial<AdapterWorkerOptions> = {}): Promise<Setup> {
  const mocks = workerMocks();
  const clock = new FakeClock();
  const provider = new FakeProvider(mocks.order);
  const batches: Array<Message[] | Promise<Message[]>> = [];
  mocks.sqsMock.on(ReceiveMessageCommand).callsFake(async (): Promise<Partial<ReceiveMessageCommandOutput>> => {
    const next = batches.shift();
    if (next !== undefined) return { Messages: await next };
    await clock.sleep(20_000);
    return {};
  });
  const worker = await AdapterWorker.create({
    queueUrl: QUEUE_URL,
    bucket: BUCKET,
    cityLimitsTable: CITY_LIMITS_TABLE,
    certificateSecretPrefix: 'nfse-test',
    registry: testRegistry({ concurrency: 10 }),
    providerFactory: () => provider,
    sqs: mocks.sqs,
    sfn: mocks.sfn,
    s3: mocks.s3,
    dynamodb: mocks.dynamodb,
    clock,
    logger: pino({ level: 'silent' }),
    ...options,
  });
  return { ...mocks, clock, provider, worker, batches, receives: () => mocks.sqsMock.commandCalls(ReceiveMessageCommand).length };
}

function emitMessage(numero: number, municipalityCode?: string): Message {
  return sqsMessage(emitRequest({ taskToken: `token-${numero}`, rps: { serie: 'A', numero }, ...(municipalityCode !== undefined ? { municipalityCode } : {}) }), `m-${numero}`);
}

describe('AdapterWorker', () => {
  it('long-polls the requests queue for up to 10 messages with the receive count, the trace header and the timestamps that time the queue wait', async () => {
    const t = await setup();

    const run = t.worker.run();
    await t.clock.advance(0);
    await t.worker.shutdown();
    await run;

    expect(t.sqsMock.commandCalls(ReceiveMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 20,
      VisibilityTimeout: 60,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'AWSTraceHeader', 'SentTimestamp', 'ApproximateFirstReceiveTimestamp'],
    });
  });

  it('answers every received message and counts how each ended', async () => {
    const t = await setup();
    t.provider.emitWith = async (request) => {
      if (request.rps.numero === 2) throw new RejectedProviderError('E160', 'no');
      return issuedOutcome();
    };
    t.batches.push([emitMessage(1), emitMessage(2)]);

    void t.worker.run();
    await t.clock.advance(0);
    const statsWhenAnswered = t.worker.stats();
    // The deletes wait the default linger for a batch to share.
    await t.clock.advance(WORKER_DEFAULTS.deleteLingerMs);

    expect(statsWhenAnswered).toEqual({ state: 'RUNNING', inFlight: 0, waiting: 0, processed: { succeeded: 1, failed: 1, stale: 0, invalid: 0, crashed: 0, abandoned: 0 } });
    expect(deletedHandles(t.sqsMock).sort()).toEqual(['rh-m-1', 'rh-m-2']);
    await t.worker.shutdown();
  });

  it('deletes the messages answered within the linger in one DeleteMessageBatch, and no DeleteMessage', async () => {
    const t = await setup({ deleteLingerMs: 20 });
    t.provider.emitWith = async () => issuedOutcome();
    t.batches.push([emitMessage(1), emitMessage(2), emitMessage(3)]);

    void t.worker.run();
    await t.clock.advance(19);
    const batchesBeforeLingerEnds = t.sqsMock.commandCalls(DeleteMessageBatchCommand).length;
    await t.clock.advance(1);

    expect(batchesBeforeLingerEnds).toBe(0);
    expect(t.sqsMock.commandCalls(DeleteMessageBatchCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, Entries: [{ Id: '0', ReceiptHandle: 'rh-m-1' }, { Id: '1', ReceiptHandle: 'rh-m-2' }, { Id: '2', ReceiptHandle: 'rh-m-3' }] },
    ]);
    expect(t.sqsMock.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    await t.worker.shutdown();
  });

  it('long-polls through pollSqs when given and sends everything else through sqs', async () => {
    const pollSqs = new SQSClient({ region: 'us-east-1' });
    const pollMock = mockClient(pollSqs);
    const t = await setup({ pollSqs });
    const batches: Message[][] = [[emitMessage(1)]];
    pollMock.on(ReceiveMessageCommand).callsFake(async (): Promise<Partial<ReceiveMessageCommandOutput>> => {
      const next = batches.shift();
      if (next !== undefined) return { Messages: next };
      await t.clock.sleep(20_000);
      return {};
    });
    t.provider.emitWith = async () => issuedOutcome();

    void t.worker.run();
    await t.clock.advance(20);
    await t.worker.shutdown();

    expect(pollMock.commandCalls(ReceiveMessageCommand).length).toBeGreaterThanOrEqual(1);
    expect(t.receives()).toBe(0);
    expect(pollMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
    expect(deletedHandles(t.sqsMock)).toEqual(['rh-m-1']);
  });

  it('polls only for the room left under maxInFlight, and not at all when full', async () => {
    const t = await setup({ maxInFlight: 2 });
    const first = deferred<ProviderOutcome>();
    t.provider.emitWith = (request, _xml, signal) => (request.rps.numero === 1 ? first.promise : untilAborted(signal));
    t.batches.push([emitMessage(1), emitMessage(2)]);

    void t.worker.run();
    await t.clock.advance(0);
    const receivesWhileFull = t.receives();
    first.resolve(issuedOutcome());
    await t.clock.advance(0);

    expect(receivesWhileFull).toBe(1);
    expect(t.sqsMock.commandCalls(ReceiveMessageCommand)[1]?.args[0].input.MaxNumberOfMessages).toBe(1);
    expect(t.worker.stats().inFlight).toBe(1);
    const stopped = t.worker.shutdown();
    await t.clock.advance(31_000);
    await stopped;
  });

  describe('a message queued behind the task\'s own calls to its city', () => {
    /** São Paulo has one slot (testRegistry's default), Rio four: each call recorded by RPS number and held until aborted, but the first. */
    async function slowCitySetup(): Promise<{ t: Setup; called: number[]; first: ReturnType<typeof deferred<ProviderOutcome>> }> {
      const t = await setup({ maxInFlight: 2, maxWaiting: 1, registry: testRegistry() });
      const called: number[] = [];
      const first = deferred<ProviderOutcome>();
      t.provider.emitWith = (request, _xml, signal) => {
        called.push(request.rps.numero);
        return request.rps.numero === 1 ? first.promise : untilAborted(signal);
      };
      return { t, called, first };
    }

    async function stop(t: Setup): Promise<void> {
      const stopped = t.worker.shutdown();
      await t.clock.advance(31_000);
      await stopped;
    }

    it("takes no place: the task polls for another city's message while it waits, and calls that city", async () => {
      const { t, called } = await slowCitySetup();
      t.batches.push([emitMessage(1), emitMessage(2)], [emitMessage(3, RIO)]);

      void t.worker.run();
      await t.clock.advance(0);

      // Message 2 waits for São Paulo's one slot: its place went to Rio's message 3, which is at the city.
      expect(called).toEqual([1, 3]);
      expect(t.sqsMock.commandCalls(ReceiveMessageCommand).map((call) => call.args[0].input.MaxNumberOfMessages)).toEqual([2, 1]);
      expect(t.worker.stats()).toMatchObject({ inFlight: 3, waiting: 1 });
      await stop(t);
    });

    it('is held up to maxWaiting beyond the places, and the task stops polling there with a place free', async () => {
      const { t, called } = await slowCitySetup();
      t.batches.push([emitMessage(1), emitMessage(2)], [emitMessage(4)]);

      void t.worker.run();
      await t.clock.advance(0);

      // 2 and 4 wait for São Paulo: one place is free, but the task holds maxInFlight + maxWaiting (3).
      expect(called).toEqual([1]);
      expect(t.receives()).toBe(2);
      expect(t.worker.stats()).toMatchObject({ inFlight: 3, waiting: 2 });
      await stop(t);
    });

    it('takes its place again once the slot is free, and is called', async () => {
      const { t, called, first } = await slowCitySetup();
      t.batches.push([emitMessage(1), emitMessage(2)]);

      void t.worker.run();
      await t.clock.advance(0);
      first.resolve(issuedOutcome());
      await t.clock.advance(0);

      expect(called).toEqual([1, 2]);
      expect(t.worker.stats()).toMatchObject({ inFlight: 1, waiting: 0 });
      await stop(t);
    });
  });

  describe('shutdown', () => {
    it('stops polling, lets the in-flight call finish and answer, then reports STOPPED', async () => {
      const t = await setup();
      const city = deferred<ProviderOutcome>();
      t.provider.emitWith = () => city.promise;
      t.batches.push([emitMessage(1)]);
      const run = t.worker.run();
      await t.clock.advance(0);
      const receivesBefore = t.receives();

      const stopped = t.worker.shutdown();
      await t.clock.advance(5_000);
      const stateWhileDraining = t.worker.state;
      city.resolve(issuedOutcome());
      await stopped;
      await run;

      expect(stateWhileDraining).toBe('DRAINING');
      expect(t.receives()).toBe(receivesBefore);
      expect(t.worker.stats()).toEqual({ state: 'STOPPED', inFlight: 0, waiting: 0, processed: { succeeded: 1, failed: 0, stale: 0, invalid: 0, crashed: 0, abandoned: 0 } });
      expect(t.sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
      expect(deletedHandles(t.sqsMock)).toEqual(['rh-m-1']);
    });

    it('sends the deletes still waiting for their batch before it reports STOPPED', async () => {
      const t = await setup({ deleteLingerMs: 1_000 });
      t.provider.emitWith = async () => issuedOutcome();
      t.batches.push([emitMessage(1), emitMessage(2)]);
      const run = t.worker.run();
      await t.clock.advance(0);
      const deletedBeforeShutdown = deletedHandles(t.sqsMock);

      await t.worker.shutdown();
      await run;

      expect(deletedBeforeShutdown).toEqual([]);
      expect(deletedHandles(t.sqsMock)).toEqual(['rh-m-1', 'rh-m-2']);
      expect(t.worker.state).toBe('STOPPED');
    });

    it('aborts calls still running after the grace period and leaves their messages for redelivery', async () => {
      const t = await setup({ shutdownGraceMs: 30_000 });
      t.provider.emitWith = (_request, _xml, signal) => untilAborted(signal);
      t.batches.push([emitMessage(1)]);
      void t.worker.run();
      await t.clock.advance(0);

      const stopped = t.worker.shutdown();
      await t.clock.advance(29_999);
      const signalBeforeGraceEnds = t.provider.calls[0]?.signal.aborted;
      await t.clock.advance(1);
      await stopped;

      expect(signalBeforeGraceEnds).toBe(false);
      expect(t.provider.calls[0]?.signal.aborted).toBe(true);
      expect(t.worker.stats().processed.abandoned).toBe(1);
      expect(t.worker.state).toBe('STOPPED');
      expect(deletedHandles(t.sqsMock)).toEqual([]);
    });

    it('makes messages that arrive after shutdown began visible again instead of working on them', async () => {
      const t = await setup();
      const late = deferred<Message[]>();
      t.batches.push(late.promise);
      void t.worker.run();
      await t.clock.advance(0);

      await t.worker.shutdown();
      late.resolve([emitMessage(1, RIO)]);
      await t.clock.advance(0);

      expect(t.provider.calls).toEqual([]);
      expect(t.sqsMock.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input)).toEqual([{ QueueUrl: QUEUE_URL, ReceiptHandle: 'rh-m-1', VisibilityTimeout: 0 }]);
    });
  });

  it('backs off and polls again when ReceiveMessage fails', async () => {
    const t = await setup();
    t.batches.push(Promise.reject(new Error('connect ECONNREFUSED')));
    void t.worker.run();
    await t.clock.advance(0);
    const afterFailure = t.receives();

    await t.clock.advance(999);
    const beforeBackoffEnds = t.receives();
    await t.clock.advance(1);

    expect([afterFailure, beforeBackoffEnds, t.receives()]).toEqual([1, 1, 2]);
    await t.worker.shutdown();
  });

  it('refuses a heartbeat interval that is not shorter than the visibility timeout', async () => {
    const create = setup({ heartbeatIntervalMs: 60_000, visibilityTimeoutSeconds: 60 });

    await expect(create).rejects.toThrow(/heartbeatIntervalMs must be shorter than the visibility timeout/);
  });

  it('refuses a negative delete linger', async () => {
    const create = setup({ deleteLingerMs: -1 });

    await expect(create).rejects.toThrow('deleteLingerMs must be zero or more, got -1');
  });
});
