import type { Logger } from 'pino';
import { USAGE_SYNC_PATH, UsageSyncResponseSchema, type UsageSyncRequest, type UsageSyncResponse } from './control/usageSync';

/** A key the gateway may let in, with its usage plan's limits. */
export type ServedApiKey = UsageSyncResponse['keys'][number];

/** Where the gateway looks API keys up and counts what it let through. */
export interface ApiKeyDirectory {
  /** The enabled key with this value that is in a usage plan; undefined answers 403. */
  find(value: string): Promise<ServedApiKey | undefined>;
  /** Requests of the key counted in its quota period so far, this gateway's latest included. */
  used(key: ServedApiKey): number;
  /** Counts one request let through. */
  count(keyId: string): void;
  /** Sends what is still counted and stops syncing. */
  close(): Promise<void>;
}

/** Options of {@link ControlPlaneApiKeys}. */
export interface ControlPlaneApiKeysOptions {
  /** The local cloud's edge, where the API Gateway control plane answers. */
  readonly endpoint: string;
  readonly logger: Logger;
  /**
   * How old the keys may get before a request refreshes them: a revoked key is refused within
   * about this long (API Gateway too takes a moment to apply a deleted key). @default 1000
   */
  readonly refreshMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * The API keys and usage plans of the local cloud's API Gateway control plane, as the local
 * gateway enforces them: a copy refreshed at most `refreshMs` old, and the requests let through
 * sent back to be counted (GetUsage, quotas) — as API Gateway's data plane works from its control
 * plane's keys and plans.
 */
export class ControlPlaneApiKeys implements ApiKeyDirectory {
  private keys = new Map<string, ServedApiKey>();
  private syncedAt = Number.NEGATIVE_INFINITY;
  private syncing: Promise<void> | undefined;
  private pending = new Map<string, number>();
  private inFlight = new Map<string, number>();
  private readonly refreshMs: number;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;

  public constructor(private readonly options: ControlPlaneApiKeysOptions) {
    this.refreshMs = options.refreshMs ?? 1000;
    this.now = options.now ?? Date.now;
    // Counts reach GetUsage even when no request comes to trigger a refresh.
    this.timer = setInterval(() => {
      if (this.pending.size > 0) void this.sync().catch(() => undefined); // sync() logs its own failures
    }, this.refreshMs);
    this.timer.unref();
  }

  public async find(value: string): Promise<ServedApiKey | undefined> {
    const asked = this.now();
    if (this.keys.has(value)) {
      // A known key is answered from the copy while it refreshes; sync() logs its own failures.
      if (asked - this.syncedAt > this.refreshMs) void this.sync().catch(() => undefined);
      return this.keys.get(value);
    }
    // A key created a moment ago works at once: wait for keys read after this request came in
    // (concurrent lookups share one exchange with the control plane).
    await this.sync().catch(() => undefined);
    if (!this.keys.has(value) && this.syncedAt < asked) await this.sync().catch(() => undefined);
    return this.keys.get(value);
  }

  public used(key: ServedApiKey): number {
    return key.used + (this.inFlight.get(key.id) ?? 0) + (this.pending.get(key.id) ?? 0);
  }

  public count(keyId: string): void {
    this.pending.set(keyId, (this.pending.get(keyId) ?? 0) + 1);
  }

  public async close(): Promise<void> {
    clearInterval(this.timer);
    await this.syncing?.catch(() => undefined);
    if (this.pending.size > 0) await this.sync().catch(() => undefined);
  }

  /** One exchange at a time: the counts since the last go out, the current keys come back. */
  private sync(): Promise<void> {
    this.syncing ??= this.exchange().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async exchange(): Promise<void> {
    const at = this.now();
    this.inFlight = this.pending;
    this.pending = new Map();
    const request: UsageSyncRequest = { counts: [...this.inFlight].map(([keyId, requests]) => ({ keyId, requests, at })) };
    try {
      const response = await fetch(`${this.options.endpoint}${USAGE_SYNC_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
      if (!response.ok) throw new Error(`the API Gateway control plane answered ${response.status}: ${await response.text()}`);
      const answer = UsageSyncResponseSchema.parse(await response.json());
      this.keys = new Map(answer.keys.map((key) => [key.value, key]));
      this.syncedAt = at;
      this.inFlight = new Map();
    } catch (error) {
      // Counted again with the next exchange; the keys stay as they were.
      for (const [keyId, requests] of this.inFlight) this.pending.set(keyId, (this.pending.get(keyId) ?? 0) + requests);
      this.inFlight = new Map();
      this.options.logger.warn({ err: error }, 'the gateway could not sync its API keys');
      throw error;
    }
  }
}
