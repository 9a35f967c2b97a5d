/**
 * Values this process read lately, kept `ttlMs` so a burst of requests does not cost a read each
 * (a grant, a company record). At most `maxEntries`, the oldest dropped first; a TTL of 0 keeps
 * nothing. Only what was found is kept: a value written a moment ago counts at once.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly expiresAt: number }>();

  public constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  /** The TTL an environment variable asks for, in seconds (`fallback` when unset or not a number). */
  public static ttlFromEnv(value: string | undefined, fallbackSeconds: number): number {
    const seconds = Number(value ?? fallbackSeconds);
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
  }

  public get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  public set(key: string, value: V): void {
    if (this.ttlMs <= 0) return;
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }
}
