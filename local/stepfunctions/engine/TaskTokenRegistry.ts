import { StatesError } from '../errors/StatesError';

/** Why a token cannot take a callback; the API layer maps these to TaskDoesNotExist / TaskTimedOut / InvalidToken. */
export type TokenProblem = 'InvalidToken' | 'TaskDoesNotExist' | 'TaskTimedOut';

interface Waiter {
  readonly executionArn: string;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: StatesError) => void;
  readonly onHeartbeat: () => void;
}

const TOKEN_FORMAT = /^[A-Za-z0-9+/=_-]{1,1024}$/;

/**
 * Task tokens of `.waitForTaskToken` tasks waiting for SendTaskSuccess/Failure/Heartbeat.
 * A token this registry never handed out, well-formed or not, gets InvalidToken, as on AWS; the
 * token of a task that has ended gets TaskTimedOut (it timed out) or TaskDoesNotExist (it
 * succeeded, failed, or its execution stopped), so ended tokens are remembered: one set entry
 * each, for a string the execution's history holds anyway.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html
 */
export class TaskTokenRegistry {
  private readonly waiting = new Map<string, Waiter>();
  private readonly timedOut = new Set<string>();
  private readonly ended = new Set<string>();

  public register(token: string, waiter: Waiter): void {
    this.ended.delete(token);
    this.waiting.set(token, waiter);
  }

  /** Forgets a token whose task ended; `timedOut` keeps it answering TaskTimedOut, else TaskDoesNotExist. */
  public release(token: string, timedOut = false): void {
    if (!this.waiting.delete(token) && !timedOut) return;
    if (timedOut) this.timedOut.add(token);
    else this.ended.add(token);
  }

  /** A token handed out before a restart whose task has ended: it answers TaskDoesNotExist, not InvalidToken. */
  public retire(token: string): void {
    if (!this.waiting.has(token) && !this.timedOut.has(token)) this.ended.add(token);
  }

  public succeed(token: string, output: unknown): TokenProblem | undefined {
    const waiter = this.lookup(token);
    if (typeof waiter === 'string') return waiter;
    this.release(token);
    waiter.resolve(output);
    return undefined;
  }

  public fail(token: string, error: string, cause: string): TokenProblem | undefined {
    const waiter = this.lookup(token);
    if (typeof waiter === 'string') return waiter;
    this.release(token);
    waiter.reject(new StatesError(error, cause));
    return undefined;
  }

  public heartbeat(token: string): TokenProblem | undefined {
    const waiter = this.lookup(token);
    if (typeof waiter === 'string') return waiter;
    waiter.onHeartbeat();
    return undefined;
  }

  /** Tokens still waiting, with their execution (for durability snapshots). */
  public outstanding(): { token: string; executionArn: string }[] {
    return [...this.waiting].map(([token, w]) => ({ token, executionArn: w.executionArn }));
  }

  private lookup(token: string): Waiter | TokenProblem {
    if (!TOKEN_FORMAT.test(token)) return 'InvalidToken';
    const waiter = this.waiting.get(token);
    if (waiter !== undefined) return waiter;
    if (this.timedOut.has(token)) return 'TaskTimedOut';
    return this.ended.has(token) ? 'TaskDoesNotExist' : 'InvalidToken';
  }
}
