import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../../lib/clock/Clock';
import type { QueueRegistry } from '../model/QueueRegistry';
import { restoreSnapshot, takeSnapshot, type SqsSnapshotData } from './SqsSnapshot';

/** Options of {@link SnapshotStore}. */
export interface SnapshotStoreOptions {
  readonly dataDir: string;
  readonly registry: QueueRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Real milliseconds between saves of a changed state. @default 1000 */
  readonly intervalMs?: number;
}

const FILE_NAME = 'sqs-state.json';

/**
 * Persists the SQS state to `<dataDir>/sqs-state.json`: loaded at start, written (to a temporary
 * file, then renamed) at most once per interval when something changed, and on stop.
 */
export class SnapshotStore {
  private dirty = false;
  private writing = false;
  private stopped = false;
  private writes = 0;
  private timer: TimerHandle | undefined;
  private readonly file: string;
  private readonly intervalAwsMs: number;

  public constructor(private readonly options: SnapshotStoreOptions) {
    this.file = path.join(options.dataDir, FILE_NAME);
    // The interval is real time: convert it to the clock's (scaled) AWS time.
    const realPerAwsMs = options.clock.toRealMs(1_000_000) / 1_000_000;
    this.intervalAwsMs = (options.intervalMs ?? 1000) / realPerAwsMs;
  }

  /** Loads the saved state, if any, into the (empty) registry, and starts the save loop. */
  public load(): void {
    if (fs.existsSync(this.file)) {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as SqsSnapshotData;
      restoreSnapshot(this.options.registry, data);
      this.options.logger.info({ file: this.file, queues: data.queues.length }, 'sqs state restored');
    }
    this.schedule();
  }

  public markDirty(): void {
    this.dirty = true;
  }

  /** Writes the state now, synchronously, and ends the save loop (on stop). */
  public flushSync(): void {
    this.stopped = true;
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const tmp = `${this.file}.${process.pid}.final.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(takeSnapshot(this.options.registry)));
    fs.renameSync(tmp, this.file);
    this.dirty = false;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.options.clock.setTimeout(() => {
      void this.flush().finally(() => this.schedule());
    }, this.intervalAwsMs);
  }

  private async flush(): Promise<void> {
    if (!this.dirty || this.writing) return;
    this.dirty = false;
    this.writing = true;
    const tmp = `${this.file}.${process.pid}.${this.writes++}.tmp`;
    try {
      await fs.promises.writeFile(tmp, JSON.stringify(takeSnapshot(this.options.registry)));
      // A stop that flushed meanwhile wrote a newer state: never replace it with this one.
      if (this.stopped) await fs.promises.unlink(tmp);
      else await fs.promises.rename(tmp, this.file);
    } catch (error) {
      this.dirty = true;
      this.options.logger.warn({ err: error, file: this.file }, 'sqs state save failed');
    } finally {
      this.writing = false;
    }
  }
}
