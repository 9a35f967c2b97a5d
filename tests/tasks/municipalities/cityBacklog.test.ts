import { backlogFigures } from '../../../tasks/municipalities/cityBacklog';
import type { CityBacklogItem } from '../../../contracts/municipalityHealth';

const NOW = Date.parse('2026-12-01T10:15:30.000Z');

function item(taskId: string, waiting: number, reportedAgoMs: number, oldestAgoMs?: number): CityBacklogItem {
  return { city: '3550308', slot: `backlog#${taskId}`, waiting, ...(oldestAgoMs !== undefined ? { oldestSentAt: NOW - oldestAgoMs } : {}), reportedAt: NOW - reportedAgoMs, ttl: 0 };
}

describe('backlogFigures', () => {
  it('sums the waiting messages of the tasks that reported in the last 30 s and ages the oldest of them', () => {
    const items = [item('a', 3, 4_000, 42_900), item('b', 2, 9_000, 12_000), item('c', 0, 1_000)];

    expect(backlogFigures(items, NOW)).toEqual({ waiting: 5, oldestAgeSeconds: 42, tasks: 2 });
  });

  it('ignores a task that stopped reporting 30 s ago or more', () => {
    expect(backlogFigures([item('gone', 9, 30_001, 600_000), item('a', 1, 30_000, 2_000)], NOW)).toEqual({ waiting: 1, oldestAgeSeconds: 2, tasks: 1 });
  });

  it('says nothing waits without fresh reports', () => {
    expect(backlogFigures([], NOW)).toEqual({ waiting: 0, oldestAgeSeconds: null, tasks: 0 });
    expect(backlogFigures([item('gone', 4, 60_000, 90_000)], NOW)).toEqual({ waiting: 0, oldestAgeSeconds: null, tasks: 0 });
  });
});
