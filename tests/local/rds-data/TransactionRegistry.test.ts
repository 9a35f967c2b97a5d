import type { ClientBase } from 'pg';
import { FakeClock } from '../../../lib/clock/FakeClock';
import { createLogger } from '../../../local/createLogger';
import type { SessionLease } from '../../../local/rds-data/SqlBackend';
import { SqlSession } from '../../../local/rds-data/SqlSession';
import { TransactionRegistry } from '../../../local/rds-data/TransactionRegistry';

/** A lease over a fake connection that records the SQL it is sent. */
function recordingLease(): { lease: SessionLease; sent: string[]; released: boolean[] } {
  const sent: string[] = [];
  const released: boolean[] = [];
  const client = {
    query: async (config: { text: string } | string) => {
      sent.push(typeof config === 'string' ? config : config.text);
      return { command: 'SELECT', rowCount: 0, fields: [], rows: [] };
    },
  };
  const lease: SessionLease = { session: new SqlSession(client as unknown as ClientBase), release: (broken) => released.push(broken === true) };
  return { lease, sent, released };
}

describe('TransactionRegistry', () => {
  const logger = createLogger('silent');

  it('rolls back a transaction no call has used for 3 minutes', async () => {
    const clock = new FakeClock();
    const registry = new TransactionRegistry({ clock, logger });
    const { lease, sent, released } = recordingLease();
    registry.register(lease);

    await clock.advance(179_999);
    const openBefore = registry.size;
    await clock.advance(1);

    expect(openBefore).toBe(1);
    expect(registry.size).toBe(0);
    expect(sent).toEqual(['ROLLBACK']);
    expect(released).toEqual([false]);
  });

  it('restarts the idle timeout on every call', async () => {
    const clock = new FakeClock();
    const registry = new TransactionRegistry({ clock, logger });
    const { lease, sent } = recordingLease();
    const id = registry.register(lease);

    await clock.advance(120_000);
    await registry.run(id, (session) => session.script('SELECT 1'));
    await clock.advance(120_000);

    expect(registry.size).toBe(1);
    expect(sent).toEqual(['SELECT 1']);
  });

  it('rolls back a transaction 24 hours after it began even when it is used', async () => {
    const clock = new FakeClock();
    const registry = new TransactionRegistry({ clock, logger });
    const { lease, sent } = recordingLease();
    const id = registry.register(lease);

    for (let minute = 0; minute < 24 * 60; minute += 2) {
      await clock.advance(120_000);
      if (registry.size > 0) await registry.run(id, async () => undefined);
    }

    expect(registry.size).toBe(0);
    expect(sent).toEqual(['ROLLBACK']);
  });

  it('commits, releases the session and forgets the transaction', async () => {
    const clock = new FakeClock();
    const registry = new TransactionRegistry({ clock, logger });
    const { lease, sent, released } = recordingLease();
    const id = registry.register(lease);

    await registry.end(id, 'COMMIT');

    expect(sent).toEqual(['COMMIT']);
    expect(released).toEqual([false]);
    expect(clock.pendingDelays()).toEqual([]);
    await expect(registry.run(id, async () => undefined)).rejects.toThrow(`Transaction ${id} is not found`);
  });

  it('runs the calls on one transaction one after another', async () => {
    const registry = new TransactionRegistry({ clock: new FakeClock(), logger });
    const { lease } = recordingLease();
    const id = registry.register(lease);
    const order: string[] = [];
    let releaseFirst: () => void = () => undefined;

    const first = registry.run(id, async () => {
      order.push('first starts');
      await new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      order.push('first ends');
    });
    const second = registry.run(id, async () => {
      order.push('second runs');
    });
    await new Promise((resolve) => setImmediate(resolve));
    releaseFirst();
    await Promise.all([first, second]);

    expect(order).toEqual(['first starts', 'first ends', 'second runs']);
  });

  it('rolls back every open transaction on rollbackAll', async () => {
    const registry = new TransactionRegistry({ clock: new FakeClock(), logger });
    const a = recordingLease();
    const b = recordingLease();
    registry.register(a.lease);
    registry.register(b.lease);

    await registry.rollbackAll();

    expect([a.sent, b.sent]).toEqual([['ROLLBACK'], ['ROLLBACK']]);
    expect(registry.size).toBe(0);
  });
});
