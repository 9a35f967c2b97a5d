import { CityBacklog } from '../../../adapter-container/health/CityBacklog';

describe('CityBacklog', () => {
  it('counts the waiting messages per city with the oldest one\'s SentTimestamp', () => {
    const backlog = new CityBacklog();

    backlog.enter('3550308', 2_000);
    backlog.enter('3550308', 1_000);
    backlog.enter('3304557', 5_000);

    expect(backlog.snapshot()).toEqual([
      { city: '3550308', waiting: 2, oldestSentAt: 1_000 },
      { city: '3304557', waiting: 1, oldestSentAt: 5_000 },
    ]);
  });

  it('forgets a message when it leaves, once however often leave is called, and a city with none left', () => {
    const backlog = new CityBacklog();
    const leaveOldest = backlog.enter('3550308', 1_000);
    backlog.enter('3550308', 2_000);
    const leaveOther = backlog.enter('3304557', 5_000);

    leaveOldest();
    leaveOldest();
    leaveOther();

    expect(backlog.snapshot()).toEqual([{ city: '3550308', waiting: 1, oldestSentAt: 2_000 }]);
  });
});
