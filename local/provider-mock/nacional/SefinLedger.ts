import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readJsonLines } from '../readJsonLines';
import { NACIONAL_FAILURE_KINDS } from './nacionalKnobs';

/** An NFS-e the mock issued. */
export const IssuedNoteSchema = z.strictObject({
  chaveAcesso: z.string(),
  dpsId: z.string(),
  /** `cMun/cnpj/serie/numero`, as the ABRASF mock's stats key an RPS. */
  rpsKey: z.string(),
  nfseNumber: z.string(),
  prestador: z.string(),
  value: z.string(),
  issuedAt: z.string(),
  nfseXml: z.string(),
});
export type IssuedNote = z.infer<typeof IssuedNoteSchema>;

/** An event registered against an NFS-e. */
export const RegisteredEventSchema = z.strictObject({
  chaveAcesso: z.string(),
  type: z.string(),
  nSeq: z.number().int(),
  at: z.string(),
  eventXml: z.string(),
});
export type RegisteredEvent = z.infer<typeof RegisteredEventSchema>;

/** What one DPS (by its RPS key) went through. */
export interface DpsStats {
  readonly calls: Record<string, number>;
  nfseIssued: number;
}

/** What `GET /_mock/stats` answers: the ABRASF mock's shape, so a bench reads both alike. */
export interface NacionalMockStatsSnapshot {
  readonly calls: Record<string, number>;
  readonly injected: Record<string, number>;
  readonly issued: number;
  readonly cancelled: number;
  readonly rejected: number;
  readonly byRps: Record<string, DpsStats>;
}

const LedgerEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('issued'), note: IssuedNoteSchema }),
  z.strictObject({ kind: z.literal('event'), event: RegisteredEventSchema }),
  z.strictObject({ kind: z.literal('call'), operation: z.string(), rpsKey: z.string().optional() }),
  z.strictObject({ kind: z.literal('injected'), failure: z.enum(NACIONAL_FAILURE_KINDS) }),
  z.strictObject({ kind: z.literal('rejected') }),
  z.strictObject({
    kind: z.literal('snapshot'),
    notes: z.array(IssuedNoteSchema),
    events: z.array(RegisteredEventSchema),
    calls: z.record(z.string(), z.number()),
    injected: z.record(z.string(), z.number()),
    rejected: z.number(),
    byRpsCalls: z.record(z.string(), z.record(z.string(), z.number())),
  }),
]);
type LedgerEvent = z.infer<typeof LedgerEventSchema>;

/** The journal's file in the mock's data directory. */
export const LEDGER_FILE = 'ledger.jsonl';

/**
 * What the national mock holds: the NFS-e it issued (by key and by DPS Id), their events, each
 * municipality's numbering, and the counters. Every change is an event appended to a journal
 * (`<data>/ledger.jsonl`, a synchronous write before the answer that reveals it) when a data
 * directory is given, replayed and compacted into one snapshot line on open, so a restarted mock
 * still answers E0014 for a DPS it issued before a crash.
 */
export class SefinLedger {
  private notes = new Map<string, IssuedNote>();
  private byDps = new Map<string, string>();
  private events = new Map<string, RegisteredEvent[]>();
  private lastNumber = new Map<string, number>();
  private calls: Record<string, number> = {};
  private injected: Record<string, number> = {};
  private rejected = 0;
  private byRpsCalls: Record<string, Record<string, number>> = {};
  private fd = -1;

  private constructor(private readonly file: string | undefined) {}

  /** A ledger in memory, or journaled in `dataDir` (created if missing; replayed if there). */
  static open(dataDir?: string): SefinLedger {
    if (dataDir === undefined) return new SefinLedger(undefined);
    fs.mkdirSync(dataDir, { recursive: true });
    const ledger = new SefinLedger(path.join(dataDir, LEDGER_FILE));
    for (const event of readJsonLines(path.join(dataDir, LEDGER_FILE), LedgerEventSchema, "the national mock's ledger")) ledger.apply(event);
    ledger.compact();
    return ledger;
  }

  /** The NFS-e with this key. */
  note(chaveAcesso: string): IssuedNote | undefined {
    return this.notes.get(chaveAcesso);
  }

  /** The key of the NFS-e a DPS produced. */
  keyOfDps(dpsId: string): string | undefined {
    return this.byDps.get(dpsId);
  }

  /** The events of an NFS-e, of one type if given, in order. */
  eventsOf(chaveAcesso: string, type?: string): RegisteredEvent[] {
    return (this.events.get(chaveAcesso) ?? []).filter((event) => type === undefined || event.type === type);
  }

  /** The next NFS-e number of a municipality (1, 2, ...), reserved by the `issued` that follows. */
  nextNumber(municipalityCode: string): number {
    return (this.lastNumber.get(municipalityCode) ?? 0) + 1;
  }

  /** The next `nDFSe` (the system's own document sequence). */
  nextDocumentNumber(): number {
    return this.notes.size + [...this.events.values()].reduce((sum, list) => sum + list.length, 0) + 1;
  }

  issue(note: IssuedNote): void {
    this.record({ kind: 'issued', note });
  }

  register(event: RegisteredEvent): void {
    this.record({ kind: 'event', event });
  }

  recordCall(operation: string, rpsKey?: string): void {
    this.record(rpsKey === undefined ? { kind: 'call', operation } : { kind: 'call', operation, rpsKey });
  }

  recordInjected(failure: (typeof NACIONAL_FAILURE_KINDS)[number]): void {
    this.record({ kind: 'injected', failure });
  }

  recordRejected(): void {
    this.record({ kind: 'rejected' });
  }

  stats(): NacionalMockStatsSnapshot {
    const byRps: Record<string, DpsStats> = {};
    for (const [rpsKey, calls] of Object.entries(this.byRpsCalls)) byRps[rpsKey] = { calls: { ...calls }, nfseIssued: 0 };
    for (const note of this.notes.values()) {
      const entry = (byRps[note.rpsKey] ??= { calls: {}, nfseIssued: 0 });
      entry.nfseIssued++;
    }
    const cancelled = [...this.events.values()].filter((list) => list.some((event) => event.type === '101101')).length;
    return { calls: { ...this.calls }, injected: { ...this.injected }, issued: this.notes.size, cancelled, rejected: this.rejected, byRps };
  }

  /** Forgets everything (the journal too). */
  reset(): void {
    this.notes = new Map();
    this.byDps = new Map();
    this.events = new Map();
    this.lastNumber = new Map();
    this.calls = {};
    this.injected = {};
    this.rejected = 0;
    this.byRpsCalls = {};
    this.compact();
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }

  private record(event: LedgerEvent): void {
    if (this.fd >= 0) fs.writeSync(this.fd, `${JSON.stringify(event)}\n`);
    this.apply(event);
  }

  private apply(event: LedgerEvent): void {
    switch (event.kind) {
      case 'issued': {
        const { note } = event;
        this.notes.set(note.chaveAcesso, note);
        this.byDps.set(note.dpsId, note.chaveAcesso);
        const municipality = note.chaveAcesso.slice(0, 7);
        this.lastNumber.set(municipality, Math.max(this.lastNumber.get(municipality) ?? 0, Number(note.nfseNumber)));
        return;
      }
      case 'event':
        this.events.set(event.event.chaveAcesso, [...(this.events.get(event.event.chaveAcesso) ?? []), event.event]);
        return;
      case 'call':
        this.calls[event.operation] = (this.calls[event.operation] ?? 0) + 1;
        if (event.rpsKey !== undefined) {
          const calls = (this.byRpsCalls[event.rpsKey] ??= {});
          calls[event.operation] = (calls[event.operation] ?? 0) + 1;
        }
        return;
      case 'injected':
        this.injected[event.failure] = (this.injected[event.failure] ?? 0) + 1;
        return;
      case 'rejected':
        this.rejected++;
        return;
      case 'snapshot':
        for (const note of event.notes) this.apply({ kind: 'issued', note });
        for (const registered of event.events) this.apply({ kind: 'event', event: registered });
        this.calls = { ...event.calls };
        this.injected = { ...event.injected };
        this.rejected = event.rejected;
        this.byRpsCalls = structuredClone(event.byRpsCalls);
        return;
      default:
        return assertNever(event);
    }
  }

  /** Rewrites the journal as one snapshot (written aside, then renamed over it) and reopens it for appending. */
  private compact(): void {
    if (this.file === undefined) return;
    const snapshot: LedgerEvent = {
      kind: 'snapshot',
      notes: [...this.notes.values()],
      events: [...this.events.values()].flat(),
      calls: this.calls,
      injected: this.injected,
      rejected: this.rejected,
      byRpsCalls: this.byRpsCalls,
    };
    const temporary = `${this.file}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(snapshot)}\n`);
    fs.renameSync(temporary, this.file);
    this.close();
    this.fd = fs.openSync(this.file, 'a');
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected ledger event ${JSON.stringify(value)}`);
}
