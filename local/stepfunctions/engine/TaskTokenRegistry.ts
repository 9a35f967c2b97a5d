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
 * Tokens that timed out are remembered so a late callback gets TaskTimedOut, as on AWS.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
 */
export class TaskTokenRegistry {
  private readonly waiting = new Map<string, Waiter>();
  private readonly timedOut = new Set<string>();

  public register(token: string, waiter: Waiter): void {
    this.waiting.set(token, waiter);
  }

  /** Forgets a token whose task ended; `timedOut` keeps it answering TaskTimedOut. */
  public release(token: string, timedOut = false): void {
    this.waiting.delete(token);
    if (timedOut) this.timedOut.add(token);
  }

  public succeed(token: string, output: unknown): TokenProblem | undefined {
    const waiter = this.lookup(token);
    if (typeof waiter === 'string') return waiter;
    this.waiting.delete(token);
    waiter.resolve(output);
    return undefined;
  }

  public fail(token: string, error: string, cause: string): TokenProblem | undefined {
    const waiter = this.lookup(token);
    if (typeof waiter === 'string') return waiter;
    this.waiting.delete(token);
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
    if (this.timedOut.has(token)) return 'TaskTimedOut';
    return this.waiting.get(token) ?? 'TaskDoesNotExist';
  }
}
