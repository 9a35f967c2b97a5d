import fs from 'node:fs';
import path from 'node:path';
import { MockEventSchema, type MockEvent, type MockEventSink } from './mockEvents';
import { readJsonLines } from './readJsonLines';

/** The journal's file inside the mock's data directory. */
export const JOURNAL_FILE = 'journal.jsonl';

/**
 * The mock city's append-only journal (`<data>/provider-mock/journal.jsonl`): one JSON event per
 * line, each written with a synchronous `write` before the answer that reveals it, so a SIGKILL
 * right after an answer loses nothing (the kernel has the bytes; surviving a power cut would also
 * need an fsync per answer, which a local mock does not pay). On open the journal is replayed
 * and compacted into one snapshot line (written aside, then renamed over it).
 */
export class MockJournal implements MockEventSink {
  private constructor(
    private readonly file: string,
    private fd: number,
  ) {}

  /**
   * Reads the journal in `dir` (created if missing), hands each event to `replay`, then rewrites
   * the journal as `snapshot()` of what the replay built and opens it for appending.
   */
  public static open(dir: string, replay: (event: MockEvent) => void, snapshot: () => MockEvent): MockJournal {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, JOURNAL_FILE);
    for (const event of readJsonLines(file, MockEventSchema, "the mock city's journal")) replay(event);
    const journal = new MockJournal(file, -1);
    journal.rewrite(snapshot());
    return journal;
  }

  public append(event: MockEvent): void {
    fs.writeSync(this.fd, `${JSON.stringify(event)}\n`);
  }

  /** Replaces the whole journal with one event (after a reset: the empty state). */
  public rewrite(event: MockEvent): void {
    const temporary = `${this.file}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(event)}\n`);
    const tmpFd = fs.openSync(temporary, 'r');
    fs.fsyncSync(tmpFd);
    fs.closeSync(tmpFd);
    fs.renameSync(temporary, this.file);
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a');
  }

  public close(): void {
    if (this.fd < 0) return;
    fs.closeSync(this.fd);
    this.fd = -1;
  }
}
