import { FakeClock } from '../../../lib/clock/FakeClock';
import { IdempotencyTokens } from '../../../local/dynamodb/IdempotencyTokens';

describe('IdempotencyTokens', () => {
  it('recognises a replay and a mismatch of a remembered token', () => {
    const tokens = new IdempotencyTokens(new FakeClock());
    tokens.remember('t', 'request-a');

    expect([tokens.status('t', 'request-a'), tokens.status('t', 'request-b'), tokens.status('other', 'request-a')]).toEqual(['replay', 'mismatch', 'new']);
  });

  it('forgets a token after 10 minutes', async () => {
    const clock = new FakeClock();
    const tokens = new IdempotencyTokens(clock);
    tokens.remember('t', 'request-a');

    await clock.advance(10 * 60 * 1000 - 1);
    const before = tokens.status('t', 'request-a');
    await clock.advance(1);

    expect([before, tokens.status('t', 'request-a')]).toEqual(['replay', 'new']);
  });
});
