import { FakeClock } from '../../../lib/clock/FakeClock';
import { ClusterFaults } from '../../../local/rds-data/ClusterFaults';

const ARN = 'arn:aws:rds:us-east-1:000000000000:cluster:reports';

describe('ClusterFaults', () => {
  it('starts paused and fails only the first call when asked to', () => {
    const faults = new ClusterFaults({ clock: new FakeClock(), startPaused: true });

    const first = faults.resumingError(ARN);
    const second = faults.resumingError(ARN);

    expect(first?.type).toBe('DatabaseResumingException');
    expect(first?.message).toBe('The Aurora DB instance reports-instance-1 is resuming after being auto-paused. Please wait a few seconds and try again.');
    expect(second).toBeUndefined();
  });

  it('fails every call while the cluster resumes, then serves', async () => {
    const clock = new FakeClock();
    const faults = new ClusterFaults({ clock });
    faults.pause(15_000);

    const waking = faults.resumingError(ARN)?.type;
    await clock.advance(14_999);
    const during = faults.resumingError(ARN)?.type;
    await clock.advance(1);

    expect([waking, during]).toEqual(['DatabaseResumingException', 'DatabaseResumingException']);
    expect(faults.resumingError(ARN)).toBeUndefined();
  });

  it('pauses by itself after the auto-pause idle time', async () => {
    const clock = new FakeClock();
    const faults = new ClusterFaults({ clock, autoPauseMs: 300_000 });
    faults.resumingError(ARN);

    await clock.advance(299_999);
    const beforeIdle = faults.state().cluster;
    await clock.advance(1);

    expect(beforeIdle).toBe('available');
    expect(faults.state().cluster).toBe('paused');
  });

  it('answers ServiceUnavailableError for the outage duration on its cluster only', async () => {
    const clock = new FakeClock();
    const faults = new ClusterFaults({ clock });
    faults.outage(30_000, ARN);

    const during = faults.outageError(ARN)?.type;
    const otherCluster = faults.outageError('arn:aws:rds:us-east-1:000000000000:cluster:other');
    await clock.advance(30_000);

    expect(during).toBe('ServiceUnavailableError');
    expect(otherCluster).toBeUndefined();
    expect(faults.outageError(ARN)).toBeUndefined();
  });
});
