import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import pino from 'pino';
import { CityBacklog } from '../../../adapter-container/health/CityBacklog';
import { CityHealthReporter } from '../../../adapter-container/health/CityHealthReporter';
import { AmbiguousProviderError, RejectedProviderError, TransientProviderError } from '../../../adapter-container/providers/errors';
import { healthMinuteOf } from '../../../contracts/municipalityHealth';
import { FakeClock } from '../../../lib/clock/FakeClock';
import { createCityLimitsTable } from '../support/cityLimitsTable';
import { requireServices } from '../../harness/requireServices';

/** Real epoch time at a minute's start plus 10 s, so items are not past their TTL and two calls fall in one minute. */
const START = Math.floor(Date.now() / 60_000) * 60_000 + 10_000;

describe('CityHealthReporter against the local DynamoDB', () => {
  let table = '';
  let dynamodb: DynamoDBDocumentClient;

  beforeAll(async () => {
    await requireServices(['dynamodb']);
    ({ table, dynamodb } = await createCityLimitsTable());
  });

  async function healthItems(city: string): Promise<Array<Record<string, unknown>>> {
    const { Items } = await dynamodb.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'city = :city AND begins_with(slot, :health)', ExpressionAttributeValues: { ':city': city, ':health': 'health#' } }));
    return Items ?? [];
  }

  it('adds two tasks\' counts of one minute into one item: calls, errors, rejections and the latency histogram, with a TTL a day on', async () => {
    const clock = new FakeClock(START);
    const tasks = [0, 1].map(() => new CityHealthReporter({ dynamodb, table, clock, logger: pino({ level: 'silent' }) }));
    const [first, second] = tasks;
    if (first === undefined || second === undefined) throw new Error('two tasks');

    first.record('3550308', 40);
    first.record('3550308', 700, new TransientProviderError('HTTP_503', 'busy'));
    second.record('3550308', 90, new RejectedProviderError('E160', 'bad'));
    second.record('3550308', 30_000, new AmbiguousProviderError('TIMEOUT', 'timed out'));
    second.record('3304557', 120);
    await Promise.all(tasks.map((task) => task.flush()));

    const minute = healthMinuteOf(START);
    expect(await healthItems('3550308')).toEqual([
      { city: '3550308', slot: `health#${minute}`, calls: 4, errors: 2, rejected: 1, le50: 1, le100: 1, le1000: 1, le30000: 1, ttl: Date.parse(minute) / 1000 + 60 + 86_400 },
    ]);
    expect(await healthItems('3304557')).toEqual([{ city: '3304557', slot: `health#${minute}`, calls: 1, errors: 0, rejected: 0, le250: 1, ttl: Date.parse(minute) / 1000 + 60 + 86_400 }]);
  });

  it('counts a call in the minute it ended, and writes on its timer until stopped', async () => {
    const clock = new FakeClock(START);
    const reporter = new CityHealthReporter({ dynamodb, table, clock, logger: pino({ level: 'silent' }), flushIntervalMs: 10_000 });
    reporter.start();
    reporter.record('3106200', 10);
    await clock.advance(60_000);
    await settled(reporter);
    reporter.record('3106200', 20);
    await reporter.stop();

    expect((await healthItems('3106200')).map((item) => [item.slot, item.calls])).toEqual([
      [`health#${healthMinuteOf(START)}`, 1],
      [`health#${healthMinuteOf(START + 60_000)}`, 1],
    ]);
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('does not count what is not the city\'s doing (a bug, an abort)', async () => {
    const reporter = new CityHealthReporter({ dynamodb, table, clock: new FakeClock(START), logger: pino({ level: 'silent' }) });

    reporter.record('2611606', 10, new Error('a bug of ours'));
    await reporter.flush();

    expect(await healthItems('2611606')).toEqual([]);
  });

  it('keeps the counts of a write that failed for the next one', async () => {
    const failing = mockClient(dynamodb);
    failing.on(UpdateCommand).rejectsOnce(new Error('throttled')).callsFakeOnce(async (input) => {
      failing.restore();
      return dynamodb.send(new UpdateCommand(input));
    });
    const reporter = new CityHealthReporter({ dynamodb, table, clock: new FakeClock(START), logger: pino({ level: 'silent' }) });

    reporter.record('5300108', 10);
    await reporter.flush();
    reporter.record('5300108', 10);
    await reporter.flush();

    expect((await healthItems('5300108')).map((item) => item.calls)).toEqual([2]);
  });

  it('overwrites this task\'s backlog item per city while messages wait, once more with none when drained, and emits it as metrics', async () => {
    const clock = new FakeClock(START);
    const backlog = new CityBacklog();
    const emitted: Array<[string, number, number]> = [];
    const metrics = { backlog: (city: string, waiting: number, oldestAgeMs: number): void => void emitted.push([city, waiting, oldestAgeMs]) };
    const reporter = new CityHealthReporter({ dynamodb, table, clock, logger: pino({ level: 'silent' }), backlog, taskId: 'task-a', metrics });
    const leaveFirst = backlog.enter('4106902', START - 40_000);
    const leaveSecond = backlog.enter('4106902', START - 5_000);

    await reporter.flush();
    const waiting = await backlogItems('4106902');
    leaveFirst();
    leaveSecond();
    await clock.advance(10_000);
    await reporter.flush();
    const drained = await backlogItems('4106902');
    await reporter.flush();

    const ttl = (at: number): number => Math.ceil(at / 1000) + 3_600;
    expect(waiting).toEqual([{ city: '4106902', slot: 'backlog#task-a', waiting: 2, oldestSentAt: START - 40_000, reportedAt: START, ttl: ttl(START) }]);
    expect(drained).toEqual([{ city: '4106902', slot: 'backlog#task-a', waiting: 0, reportedAt: START + 10_000, ttl: ttl(START + 10_000) }]);
    // Nothing more once the empty report landed.
    expect(emitted).toEqual([
      ['4106902', 2, 40_000],
      ['4106902', 0, 0],
    ]);
  });

  async function backlogItems(city: string): Promise<Array<Record<string, unknown>>> {
    const { Items } = await dynamodb.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'city = :city AND begins_with(slot, :backlog)', ExpressionAttributeValues: { ':city': city, ':backlog': 'backlog#' } }));
    return Items ?? [];
  }
});

/** Lets the timer's write (real I/O under fake time) land. */
async function settled(reporter: CityHealthReporter): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  await reporter.flush();
}
