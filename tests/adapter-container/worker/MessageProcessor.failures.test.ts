import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import { PROVIDER_ERRORS, type ProviderErrorName } from '../../../contracts/providerErrors';
import type { ProviderOutcome } from '../../../adapter-container/providers/Provider';
import { providerErrorNamed } from '../../../adapter-container/providers/errors';
import { deferred, untilAborted } from '../support/FakeProvider';
import { BUCKET, emitRequest, INVOICE_ID, issuedOutcome, QUEUE_URL, RIO, sqsMessage } from '../support/fixtures';
import { processorSetup } from '../support/processorSetup';
import { deletedHandles } from '../support/workerMocks';

/** Processes one emit message, then lets the next heartbeat find its task timed out. */
async function processUntilHeartbeatFindsTaskGone(t: ReturnType<typeof processorSetup>): Promise<unknown> {
  const done = t.process(sqsMessage(emitRequest()));
  await t.clock.advance(0);
  t.sfnMock.on(SendTaskHeartbeatCommand).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));
  await t.clock.advance(20_000);
  return done;
}

describe('MessageProcessor failures, timing and limits', () => {
  describe('a provider failure', () => {
    it.each(Object.values(PROVIDER_ERRORS))(
      'answers SendTaskFailure with %s and the city\'s {code, message}, then deletes the message',
      async (errorName: ProviderErrorName) => {
        const t = processorSetup();
        t.provider.emitWith = async () => {
          throw providerErrorNamed(errorName, 'E160', 'Alíquota inválida');
        };

        const outcome = await t.process(sqsMessage(emitRequest()));

        expect(outcome).toBe('failed');
        expect(t.order).toEqual(['SendTaskHeartbeat', 'GetObject', 'provider.emit', 'SendTaskFailure', 'DeleteMessageBatch']);
        expect(t.sfnMock.commandCalls(SendTaskFailureCommand)[0]?.args[0].input).toEqual({ taskToken: 'token-emit', error: errorName, cause: '{"code":"E160","message":"Alíquota inválida"}' });
      },
    );

    it('fails an unknown municipality with Provider.Rejected and a code that says so', async () => {
      const t = processorSetup();

      const outcome = await t.process(sqsMessage(emitRequest({ municipalityCode: '9999999' })));

      expect(outcome).toBe('failed');
      expect(t.provider.calls).toEqual([]);
      expect(t.sfnMock.commandCalls(SendTaskFailureCommand)[0]?.args[0].input).toEqual({
        taskToken: 'token-emit',
        error: 'Provider.Rejected',
        cause: JSON.stringify({ code: 'MunicipalityNotSupported', message: "municipality 9999999 is not in this adapter's registry" }),
      });
      expect(t.order).toEqual(['SendTaskHeartbeat', 'SendTaskFailure', 'DeleteMessageBatch']);
    });

    it('fails the task with Provider.DeadLettered when the RPS XML is not in S3', async () => {
      const t = processorSetup();
      const noSuchKey = Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
      t.s3Mock.on(GetObjectCommand).rejects(noSuchKey);

      await t.process(sqsMessage(emitRequest()));

      expect(t.sfnMock.commandCalls(SendTaskFailureCommand)[0]?.args[0].input).toEqual({
        taskToken: 'token-emit',
        error: 'Provider.DeadLettered',
        cause: JSON.stringify({ code: 'RpsXmlNotFound', message: `the RPS XML is not at s3://${BUCKET}/xml/${INVOICE_ID}.xml` }),
      });
      expect(t.provider.calls).toEqual([]);
    });
  });

  describe('a crash', () => {
    it('leaves the message undeleted and the task unanswered when the provider throws an unexpected error', async () => {
      const t = processorSetup();
      t.provider.emitWith = async () => {
        throw new TypeError('cannot read properties of undefined');
      };

      const outcome = await t.process(sqsMessage(emitRequest()));

      expect(outcome).toBe('crashed');
      expect(t.order).toEqual(['SendTaskHeartbeat', 'GetObject', 'provider.emit']);
    });

    it('does not answer success when the NFS-e XML cannot be stored', async () => {
      const t = processorSetup();
      t.provider.emitWith = async () => issuedOutcome();
      t.s3Mock.on(PutObjectCommand).rejects(new Error('SlowDown'));

      const outcome = await t.process(sqsMessage(emitRequest()));

      expect(outcome).toBe('crashed');
      expect(t.order).toEqual(['SendTaskHeartbeat', 'GetObject', 'provider.emit']);
    });

    it('leaves the message when SendTaskSuccess fails for a reason other than a stale token', async () => {
      const t = processorSetup();
      t.provider.emitWith = async () => issuedOutcome();
      t.sfnMock.on(SendTaskSuccessCommand).rejects(new Error('ECONNRESET'));

      const outcome = await t.process(sqsMessage(emitRequest()));

      expect(outcome).toBe('crashed');
      expect(deletedHandles(t.sqsMock)).toEqual([]);
    });

    it('deletes the message when SendTaskSuccess finds the task gone', async () => {
      const t = processorSetup();
      t.provider.emitWith = async () => issuedOutcome();
      t.sfnMock.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));

      const outcome = await t.process(sqsMessage(emitRequest()));

      expect(outcome).toBe('stale');
      expect(deletedHandles(t.sqsMock)).toEqual(['rh-m-1']);
    });
  });

  describe('while the city call runs', () => {
    it('heartbeats and extends the visibility every 20 s, and stops once answered', async () => {
      const t = processorSetup();
      const city = deferred<ProviderOutcome>();
      t.provider.emitWith = () => city.promise;
      const done = t.process(sqsMessage(emitRequest()));
      await t.clock.advance(0);

      await t.clock.advance(19_999);
      const before = t.sfnMock.commandCalls(SendTaskHeartbeatCommand).length;
      await t.clock.advance(1);
      const afterOne = t.sfnMock.commandCalls(SendTaskHeartbeatCommand).length;
      await t.clock.advance(40_000);
      const afterThree = t.sfnMock.commandCalls(SendTaskHeartbeatCommand).length;
      city.resolve(issuedOutcome());
      await done;
      await t.clock.advance(60_000);

      expect([before, afterOne, afterThree]).toEqual([1, 2, 4]);
      expect(t.sfnMock.commandCalls(SendTaskHeartbeatCommand)).toHaveLength(4);
      expect(t.sqsMock.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input)).toEqual([
        { QueueUrl: QUEUE_URL, ReceiptHandle: 'rh-m-1', VisibilityTimeout: 60 },
        { QueueUrl: QUEUE_URL, ReceiptHandle: 'rh-m-1', VisibilityTimeout: 60 },
        { QueueUrl: QUEUE_URL, ReceiptHandle: 'rh-m-1', VisibilityTimeout: 60 },
      ]);
    });

    it('aborts the call, deletes the message and answers nothing when a heartbeat finds the task gone', async () => {
      const t = processorSetup();
      t.provider.emitWith = (_request, _xml, signal) => untilAborted(signal);
      const outcome = await processUntilHeartbeatFindsTaskGone(t);

      expect(outcome).toBe('stale');
      expect(t.provider.calls[0]?.signal.aborted).toBe(true);
      expect(t.sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
      expect(t.sfnMock.commandCalls(SendTaskFailureCommand)).toHaveLength(0);
      expect(deletedHandles(t.sqsMock)).toEqual(['rh-m-1']);
    });

    it('stops waiting for the RPS read when a heartbeat finds the task gone, and deletes the message', async () => {
      const t = processorSetup();
      t.s3Mock.on(GetObjectCommand).callsFake(() => new Promise(() => undefined));
      const outcome = await processUntilHeartbeatFindsTaskGone(t);

      expect(outcome).toBe('stale');
      expect(t.provider.calls).toEqual([]);
      expect(deletedHandles(t.sqsMock)).toEqual(['rh-m-1']);
    });

    it('aborts the call and leaves the message when shutdown cuts it off', async () => {
      const t = processorSetup();
      const stop = new AbortController();
      t.provider.emitWith = (_request, _xml, signal) => untilAborted(signal);
      const done = t.process(sqsMessage(emitRequest()), stop.signal);
      await t.clock.advance(0);

      stop.abort();
      const outcome = await done;

      expect(outcome).toBe('abandoned');
      expect(t.order).toEqual(['SendTaskHeartbeat', 'GetObject', 'provider.emit']);
    });
  });

  describe('per-municipality concurrency', () => {
    it('holds a second call to a city at its limit until the first finishes, and lets another city through', async () => {
      const t = processorSetup();
      const first = deferred<ProviderOutcome>();
      const started: string[] = [];
      t.provider.emitWith = (request) => {
        started.push(`${request.municipalityCode}#${request.rps.numero}`);
        return request.rps.numero === 1 ? first.promise : Promise.resolve(issuedOutcome());
      };
      const a = t.process(sqsMessage(emitRequest({ rps: { serie: 'A', numero: 1 } }), 'a'));
      const b = t.process(sqsMessage(emitRequest({ rps: { serie: 'A', numero: 2 } }), 'b'));
      const c = t.process(sqsMessage(emitRequest({ rps: { serie: 'A', numero: 3 }, municipalityCode: RIO }), 'c'));
      await t.clock.advance(0);
      const whileFirstRuns = [...started];

      first.resolve(issuedOutcome());
      await Promise.all([a, b, c]);

      expect(whileFirstRuns).toEqual(['3550308#1', '3304557#3']);
      expect(started).toEqual(['3550308#1', '3304557#3', '3550308#2']);
    });
  });

});
