import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { storedEvent, type EventExtra, type HistoryEvent, type HistoryEventType } from '../engine/history/HistoryEvent';

/** A state machine as persisted (its definition as text: it is parsed again on load). */
export interface StoredStateMachine {
  readonly arn: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: string;
  readonly roleArn: string;
  readonly creationDate: number;
  readonly updateDate?: number;
  readonly revisionId: string;
  readonly loggingConfiguration: unknown;
  readonly tracingConfiguration: unknown;
}

/** The first line of an execution's journal. */
export interface StoredExecutionHeader {
  readonly executionArn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: string;
  readonly roleArn: string;
  readonly input: string;
  readonly startDate: number;
}

/** One execution read back: its header and every event recorded. */
export interface StoredExecution {
  readonly header: StoredExecutionHeader;
  readonly events: HistoryEvent[];
}

interface EventLine {
  readonly i: number;
  readonly p: number;
  readonly t: number;
  readonly y: HistoryEventType;
  readonly d?: Record<string, unknown>;
  readonly x?: EventExtra;
}

/**
 * Persistence of the Step Functions service under its data directory: `state-machines.json`
 * (rewritten on change) and one append-only journal per execution (`executions/<hash>.jsonl`:
 * a header line, then one line per history event). Appends are buffered and written in order
 * off the hot path; {@link StepFunctionsJournal.flush} writes what is pending (shutdown).
 */
export class StepFunctionsJournal {
  private readonly pending = new Map<string, string[]>();
  private flushing: Promise<void> = Promise.resolve();
  private scheduled = false;

  private constructor(private readonly dir: string) {}

  public static open(dir: string): StepFunctionsJournal {
    fs.mkdirSync(path.join(dir, 'executions'), { recursive: true });
    return new StepFunctionsJournal(dir);
  }

  public saveStateMachines(machines: readonly StoredStateMachine[]): void {
    const file = path.join(this.dir, 'state-machines.json');
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(machines));
    fs.renameSync(`${file}.tmp`, file);
  }

  public loadStateMachines(): StoredStateMachine[] {
    const file = path.join(this.dir, 'state-machines.json');
    if (!fs.existsSync(file)) return [];
    return JSON.parse(fs.readFileSync(file, 'utf8')) as StoredStateMachine[];
  }

  /** Starts the journal of a new execution. */
  public beginExecution(header: StoredExecutionHeader): void {
    this.enqueue(header.executionArn, JSON.stringify(header));
  }

  public appendEvent(executionArn: string, event: HistoryEvent): void {
    const line: EventLine = { i: event.id, p: event.previousEventId, t: event.timestamp, y: event.type, d: event.details as Record<string, unknown> | undefined, x: event.extra };
    this.enqueue(executionArn, JSON.stringify(line));
  }

  /** Every execution journal, oldest first; a torn last line (crash mid-write) is ignored. */
  public loadExecutions(): StoredExecution[] {
    const dir = path.join(this.dir, 'executions');
    const out: StoredExecution[] = [];
    for (const file of fs.readdirSync(dir)) {
      if (!file.endsWith('.jsonl')) continue;
      const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter((l) => l.trim() !== '');
      const [first, ...rest] = lines;
      if (first === undefined) continue;
      const header = JSON.parse(first) as StoredExecutionHeader;
      const events: HistoryEvent[] = [];
      for (const text of rest) {
        let line: EventLine;
        try {
          line = JSON.parse(text) as EventLine;
        } catch {
          break;
        }
        events.push(storedEvent({ id: line.i, previousEventId: line.p, timestamp: line.t, type: line.y, details: line.d, extra: line.x }));
      }
      out.push({ header, events });
    }
    return out.sort((a, b) => a.header.startDate - b.header.startDate);
  }

  /** Writes every pending line. */
  public async flush(): Promise<void> {
    this.scheduled = false;
    const batch = [...this.pending];
    this.pending.clear();
    this.flushing = this.flushing.then(async () => {
      for (const [arn, lines] of batch) await fs.promises.appendFile(this.fileOf(arn), `${lines.join('\n')}\n`);
    });
    await this.flushing;
  }

  private enqueue(executionArn: string, line: string): void {
    const lines = this.pending.get(executionArn);
    if (lines === undefined) this.pending.set(executionArn, [line]);
    else lines.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      // Off the hot path. A failed append rejects unhandled and ends the process (Node's default):
      // a restart resumes executions from this journal, so a cloud that cannot write it must not go on.
      setImmediate(() => void this.flush());
    }
  }

  private fileOf(executionArn: string): string {
    return path.join(this.dir, 'executions', `${createHash('sha1').update(executionArn).digest('hex')}.jsonl`);
  }
}
