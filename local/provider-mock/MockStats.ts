import type { MockEvent, MockEventSink } from './mockEvents';
import type { FailureKind } from './mockKnobs';

/** Calls seen for one RPS (`city/cnpj/serie/numero`). */
export interface RpsStats {
  /** SOAP calls about this RPS, per operation. */
  readonly calls: Record<string, number>;
  /** NFS-e issued for this RPS: exactly once is the point of the whole design. */
  nfseIssued: number;
}

/** What `GET /_mock/stats` answers. */
export interface ProviderMockStatsSnapshot {
  readonly calls: Record<string, number>;
  readonly injected: Record<string, number>;
  readonly issued: number;
  readonly cancelled: number;
  readonly rejected: number;
  /** NFS-e replaced by SubstituirNfse (the replacement counts in `issued` too). */
  readonly substituted: number;
  readonly byRps: Record<string, RpsStats>;
}

/**
 * Counters for e2e assertions ("exactly one GerarNfse per invoice"). Each change is an event,
 * written to the sink (the journal under `--data`) before it is applied.
 */
export class MockStats {
  private calls: Record<string, number> = {};
  private injected: Record<string, number> = {};
  private byRps: Record<string, RpsStats> = {};
  private issued = 0;
  private cancelled = 0;
  private rejected = 0;
  private substituted = 0;

  public constructor(private sink?: MockEventSink) {}

  /** Where changes are written from now on. */
  public writeTo(sink: MockEventSink | undefined): void {
    this.sink = sink;
  }

  /** The key the stats use for an RPS sent to the city system of `municipalityCode`. */
  static rpsKey(municipalityCode: string, rps: { readonly cnpj: string; readonly serie: string; readonly numero: string | number }): string {
    return `${municipalityCode}/${rps.cnpj}/${rps.serie}/${Number(rps.numero)}`;
  }

  recordCall(operation: string, rpsKey?: string): void {
    this.record(rpsKey === undefined ? { kind: 'call', operation } : { kind: 'call', operation, rpsKey });
  }

  recordInjected(kind: FailureKind): void {
    this.record({ kind: 'injected', failure: kind });
  }

  recordIssued(rpsKey: string): void {
    this.record({ kind: 'counted', what: 'issued', rpsKey });
  }

  recordCancelled(): void {
    this.record({ kind: 'counted', what: 'cancelled' });
  }

  recordRejected(): void {
    this.record({ kind: 'counted', what: 'rejected' });
  }

  recordSubstituted(): void {
    this.record({ kind: 'counted', what: 'substituted' });
  }

  /** Replays one event of the journal (other kinds belong to the city systems). */
  apply(event: MockEvent): void {
    switch (event.kind) {
      case 'call': {
        this.calls[event.operation] = (this.calls[event.operation] ?? 0) + 1;
        if (event.rpsKey !== undefined) {
          const entry = this.rps(event.rpsKey);
          entry.calls[event.operation] = (entry.calls[event.operation] ?? 0) + 1;
        }
        return;
      }
      case 'injected':
        this.injected[event.failure] = (this.injected[event.failure] ?? 0) + 1;
        return;
      case 'counted':
        if (event.what === 'issued') {
          this.issued += 1;
          if (event.rpsKey !== undefined) this.rps(event.rpsKey).nfseIssued += 1;
        } else if (event.what === 'cancelled') this.cancelled += 1;
        else if (event.what === 'substituted') this.substituted += 1;
        else this.rejected += 1;
        return;
      case 'snapshot':
        ({ calls: this.calls, injected: this.injected, byRps: this.byRps, issued: this.issued, cancelled: this.cancelled, rejected: this.rejected, substituted: this.substituted } = structuredClone(event.stats));
        return;
      default:
        return;
    }
  }

  /** A deep copy, safe to serialise or keep. */
  snapshot(): ProviderMockStatsSnapshot {
    return structuredClone({ calls: this.calls, injected: this.injected, issued: this.issued, cancelled: this.cancelled, rejected: this.rejected, substituted: this.substituted, byRps: this.byRps });
  }

  reset(): void {
    this.calls = {};
    this.injected = {};
    this.byRps = {};
    this.issued = 0;
    this.cancelled = 0;
    this.rejected = 0;
    this.substituted = 0;
  }

  private record(event: MockEvent): void {
    this.sink?.append(event);
    this.apply(event);
  }

  private rps(key: string): RpsStats {
    let entry = this.byRps[key];
    if (entry === undefined) {
      entry = { calls: {}, nfseIssued: 0 };
      this.byRps[key] = entry;
    }
    return entry;
  }
}
