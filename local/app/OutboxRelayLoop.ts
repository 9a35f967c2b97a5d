import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../lib/clock/Clock';

/** Where the loop is in its life. */
export type OutboxRelayLoopState = 'RUNNING' | 'STOPPING' | 'STOPPED';

/** Options of {@link OutboxRelayLoop}. */
export interface OutboxRelayLoopOptions {
  /** One run of the relay (locally: an invoke of the relay Lambda). */
  readonly run: () => Promise<unknown>;
  readonly clock: Clock;
  /** AWS milliseconds between the end of one run and the start of the next. @default 1000 */
  readonly intervalMs?: number;
  readonly logger: Logger;
}

/**
 * The local stand-in for the relay's EventBridge Scheduler schedule: runs the relay every
 * `intervalMs` on the cloud's clock, one run at a time (the next waits for the last to end,
 * where AWS would start overlapping invocations, which the relay's leases make safe anyway).
 * `stop()` lets a run in flight finish, so the stack stops with no call half made.
 */
export class OutboxRelayLoop {
  private timer?: TimerHandle;
  private running?: Promise<void>;
  private lifecycle: OutboxRelayLoopState = 'RUNNING';
  private readonly intervalMs: number;

  private constructor(private readonly options: OutboxRelayLoopOptions) {
    this.intervalMs = options.intervalMs ?? 1000;
  }

  /** Starts the loop; its first run comes after one interval. */
  public static start(options: OutboxRelayLoopOptions): OutboxRelayLoop {
    const loop = new OutboxRelayLoop(options);
    loop.schedule();
    return loop;
  }

  public get state(): OutboxRelayLoopState {
    return this.lifecycle;
  }

  /** Stops scheduling runs and waits for the one in flight, if any. */
  public async stop(): Promise<void> {
    if (this.lifecycle === 'STOPPED') return;
    this.lifecycle = 'STOPPING';
    this.options.clock.clearTimeout(this.timer);
    await this.running;
    this.lifecycle = 'STOPPED';
  }

  private schedule(): void {
    this.timer = this.options.clock.setTimeout(() => {
      this.running = this.tick();
    }, this.intervalMs);
  }

  private async tick(): Promise<void> {
    try {
      await this.options.run();
    } catch (error) {
      // The next run retries whatever this one left: the rows stay in the outbox.
      this.options.logger.warn({ err: error }, 'outbox relay run failed');
    }
    if (this.lifecycle === 'RUNNING') this.schedule();
  }
}
