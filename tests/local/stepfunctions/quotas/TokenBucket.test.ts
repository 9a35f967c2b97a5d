import { ApiThrottle } from '../../../../local/stepfunctions/quotas/ApiThrottle';
import { TokenBucket } from '../../../../local/stepfunctions/quotas/TokenBucket';

describe('TokenBucket', () => {
  it('spends a full bucket at once, then admits one call per refilled token', () => {
    let now = 0;
    const bucket = new TokenBucket({ bucketSize: 3, refillPerSecond: 2 }, () => now);

    const burst = [bucket.take(), bucket.take(), bucket.take(), bucket.take()];
    const waitMs = bucket.msUntilToken();
    now += 499;
    const early = bucket.take();
    now += 1;
    const onTime = [bucket.take(), bucket.take()];

    expect(burst).toEqual([true, true, true, false]);
    expect(waitMs).toBe(500);
    expect(early).toBe(false);
    expect(onTime).toEqual([true, false]);
  });

  it('refills no further than its size', () => {
    let now = 0;
    const bucket = new TokenBucket({ bucketSize: 2, refillPerSecond: 100 }, () => now);
    now += 60_000;

    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });
});

describe('ApiThrottle', () => {
  it('throttles only the operations it has a quota for, each in its own bucket', () => {
    const throttle = new ApiThrottle({ StartExecution: { bucketSize: 1, refillPerSecond: 1 }, SendTaskSuccess: { bucketSize: 1, refillPerSecond: 1 } }, () => 0);

    const admitted = ['StartExecution', 'StartExecution', 'SendTaskSuccess', 'SendTaskSuccess', 'DescribeExecution', 'DescribeExecution'].map((op) => throttle.admit(op));

    expect(admitted).toEqual([true, false, true, false, true, true]);
    expect(throttle.throttledCounts()).toEqual({ StartExecution: 1, SendTaskSuccess: 1 });
    expect(throttle.describe()).toBe('quotas on; throttled calls: StartExecution 1, SendTaskSuccess 1');
  });
});
