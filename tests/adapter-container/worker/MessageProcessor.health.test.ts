import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransientProviderError } from '../../../adapter-container/providers/errors';
import { untilAborted } from '../support/FakeProvider';
import { CITY_LIMITS_TABLE, emitRequest, issuedOutcome, SAO_PAULO, sqsMessage } from '../support/fixtures';
import { processorSetup } from '../support/processorSetup';

/** The health write of the FakeClock's first minute (2026-01-01T00:00Z) adding these counts. */
function healthWrite(counts: Record<string, number>): Record<string, unknown> {
  const entries = Object.entries(counts);
  return {
    TableName: CITY_LIMITS_TABLE,
    Key: { city: SAO_PAULO, slot: 'health#2026-01-01T00:00Z' },
    UpdateExpression: `ADD ${entries.map((_, i) => `#a${i} :a${i}`).join(', ')} SET #ttl = :ttl`,
    ExpressionAttributeNames: { '#ttl': 'ttl', ...Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name])) },
    ExpressionAttributeValues: { ':ttl': Date.parse('2026-01-01T00:01:00Z') / 1000 + 86_400, ...Object.fromEntries(entries.map(([, value], i) => [`:a${i}`, value])) },
  };
}

describe('MessageProcessor, reporting the city calls it times', () => {
  it('counts an answered call with its duration', async () => {
    const t = processorSetup();
    t.provider.emitWith = async () => {
      await t.clock.advance(1_200);
      return issuedOutcome();
    };

    await t.process(sqsMessage(emitRequest()));
    await t.health.flush();

    expect(t.dynamodbMock.commandCalls(UpdateCommand).map((call) => call.args[0].input).filter((input) => input.Key?.slot !== undefined && String(input.Key.slot).startsWith('health#'))).toEqual([
      healthWrite({ calls: 1, errors: 0, rejected: 0, le2500: 1 }),
    ]);
  });

  it('counts a call the city did not answer as an error', async () => {
    const t = processorSetup();
    t.provider.emitWith = async () => {
      await t.clock.advance(30);
      throw new TransientProviderError('HTTP_503', 'Service Unavailable');
    };

    expect(await t.process(sqsMessage(emitRequest()))).toBe('failed');
    await t.health.flush();

    expect(t.dynamodbMock.commandCalls(UpdateCommand).map((call) => call.args[0].input).filter((input) => String(input.Key?.slot).startsWith('health#'))).toEqual([healthWrite({ calls: 1, errors: 1, rejected: 0, le50: 1 })]);
  });

  it('does not count a call that shutdown cut off', async () => {
    const t = processorSetup();
    const stop = new AbortController();
    t.provider.emitWith = (_request, _xml, signal) => untilAborted(signal);
    const done = t.process(sqsMessage(emitRequest()), stop.signal);
    await t.clock.advance(0);

    stop.abort();
    expect(await done).toBe('abandoned');
    await t.health.flush();

    expect(t.dynamodbMock.commandCalls(UpdateCommand).filter((call) => String(call.args[0].input.Key?.slot).startsWith('health#'))).toEqual([]);
  });
});
