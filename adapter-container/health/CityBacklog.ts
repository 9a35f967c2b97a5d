/** One city's backlog in this task at one moment. */
export interface CityBacklogSnapshot {
  readonly city: string;
  readonly waiting: number;
  /** SentTimestamp (epoch ms) of the oldest waiting message; undefined when none waits. */
  readonly oldestSentAt?: number;
}

/**
 * The messages this task holds that wait for a city's slot, by city: a message enters when it
 * starts waiting for the city's limiter and leaves when it holds a slot (or gives up). A city
 * slower than the arrival rate shows here first: its messages pile up in the adapters' in-flight
 * room while the city serves its concurrency.
 */
export class CityBacklog {
  private readonly waiting = new Map<string, Map<number, number>>();
  private nextEntry = 0;

  /** Counts a message queued at `sentAt` (epoch ms) as waiting for `city`; returns its leave function (idempotent). */
  public enter(city: string, sentAt: number): () => void {
    const entry = this.nextEntry++;
    let entries = this.waiting.get(city);
    if (entries === undefined) {
      entries = new Map();
      this.waiting.set(city, entries);
    }
    entries.set(entry, sentAt);
    return () => {
      const current = this.waiting.get(city);
      current?.delete(entry);
      if (current?.size === 0) this.waiting.delete(city);
    };
  }

  /** Every city with a message waiting now. */
  public snapshot(): CityBacklogSnapshot[] {
    return [...this.waiting].map(([city, entries]) => ({ city, waiting: entries.size, oldestSentAt: Math.min(...entries.values()) }));
  }
}
