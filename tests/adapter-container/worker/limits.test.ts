import { FakeClock } from '../../../lib/clock/FakeClock';
import { TokenBucket } from '../../../adapter-container/worker/TokenBucket';

describe('TokenBucket', () => {
  it('lets a burst through and then one call per 1/rate seconds', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(clock, 2);
    const taken: number[] = [];
    const start = clock.now();
    for (let i = 0; i < 4; i++) void bucket.take().then(() => taken.push(clock.now() - start));

    await clock.advance(2_000);

    expect(taken).toEqual([0, 0, 500, 1_000]);
  });
});
