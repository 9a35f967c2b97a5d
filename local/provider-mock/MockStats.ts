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
  readonly byRps: Record<string, RpsStats>;
}

/** Counters for e2e assertions ("exactly one GerarNfse per invoice"). */
export class MockStats {
  private calls: Record<string, number> = {};
  private injected: Record<string, number> = {};
  private byRps: Record<string, RpsStats> = {};
  private issued = 0;
  private cancelled = 0;
  private rejected = 0;

  /** The key the stats use for an RPS sent to the city system of `municipalityCode`. */
  static rpsKey(municipalityCode: string, rps: { readonly cnpj: string; readonly serie: string; readonly numero: string | number }): string {
    return `${municipalityCode}/${rps.cnpj}/${rps.serie}/${Number(rps.numero)}`;
  }

  recordCall(operation: string, rpsKey?: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
    if (rpsKey !== undefined) {
      const entry = this.rps(rpsKey);
      entry.calls[operation] = (entry.calls[operation] ?? 0) + 1;
    }
  }

  recordInjected(kind: FailureKind): void {
    this.injected[kind] = (this.injected[kind] ?? 0) + 1;
  }

  recordIssued(rpsKey: string): void {
    this.issued += 1;
    this.rps(rpsKey).nfseIssued += 1;
  }

  recordCancelled(): void {
    this.cancelled += 1;
  }

  recordRejected(): void {
    this.rejected += 1;
  }

  /** A deep copy, safe to serialise or keep. */
  snapshot(): ProviderMockStatsSnapshot {
    return structuredClone({ calls: this.calls, injected: this.injected, issued: this.issued, cancelled: this.cancelled, rejected: this.rejected, byRps: this.byRps });
  }

  reset(): void {
    this.calls = {};
    this.injected = {};
    this.byRps = {};
    this.issued = 0;
    this.cancelled = 0;
    this.rejected = 0;
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
