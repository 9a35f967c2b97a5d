import type { CancelProviderRequest, ConsultProviderRequest, EmitProviderRequest } from '../../../contracts/providerRequest';
import type { Provider, ProviderOutcome } from '../../../adapter-container/providers/Provider';
import { raceAbort } from '../../../lib/concurrency/raceAbort';

type Handler<A extends unknown[], R> = (...args: A) => Promise<R>;

/** One recorded call of a {@link FakeProvider}. */
export interface ProviderCallRecord {
  readonly method: 'emit' | 'consult' | 'consultByRps' | 'cancel';
  readonly invoiceId: string;
  readonly rpsXml?: string;
  readonly signal: AbortSignal;
}

/**
 * A provider whose answers the test sets per method (`fake.emitWith = async () => ...`); records
 * every call in order. A method with no handler throws, so an unexpected call fails the test.
 */
export class FakeProvider implements Provider {
  public readonly calls: ProviderCallRecord[] = [];

  /** @param order when given, each call also appends `provider.<method>` to it (to check ordering against SDK calls). */
  public constructor(private readonly order?: string[]) {}
  public emitWith: Handler<[EmitProviderRequest, string, AbortSignal], ProviderOutcome> | undefined;
  public consultWith: Handler<[ConsultProviderRequest, string, AbortSignal], ProviderOutcome> | undefined;
  public consultByRpsWith: Handler<[EmitProviderRequest, string, AbortSignal], ProviderOutcome | undefined> | undefined;
  public cancelWith: Handler<[CancelProviderRequest, AbortSignal], ProviderOutcome> | undefined;

  public emit(request: EmitProviderRequest, rpsXml: string, signal: AbortSignal): Promise<ProviderOutcome> {
    this.order?.push('provider.emit');
    this.calls.push({ method: 'emit', invoiceId: request.invoiceId, rpsXml, signal });
    return required(this.emitWith, 'emit')(request, rpsXml, signal);
  }

  public consult(request: ConsultProviderRequest, rpsXml: string, signal: AbortSignal): Promise<ProviderOutcome> {
    this.order?.push('provider.consult');
    this.calls.push({ method: 'consult', invoiceId: request.invoiceId, rpsXml, signal });
    return required(this.consultWith, 'consult')(request, rpsXml, signal);
  }

  public consultByRps(request: EmitProviderRequest, rpsXml: string, signal: AbortSignal): Promise<ProviderOutcome | undefined> {
    this.order?.push('provider.consultByRps');
    this.calls.push({ method: 'consultByRps', invoiceId: request.invoiceId, rpsXml, signal });
    return required(this.consultByRpsWith, 'consultByRps')(request, rpsXml, signal);
  }

  public cancel(request: CancelProviderRequest, signal: AbortSignal): Promise<ProviderOutcome> {
    this.order?.push('provider.cancel');
    this.calls.push({ method: 'cancel', invoiceId: request.invoiceId, signal });
    return required(this.cancelWith, 'cancel')(request, signal);
  }

  /** The methods called, in order. */
  public methods(): string[] {
    return this.calls.map((call) => call.method);
  }
}

function required<T>(handler: T | undefined, name: string): T {
  if (handler === undefined) throw new Error(`FakeProvider.${name} was called but the test gave it no answer`);
  return handler;
}

/** A promise the test settles by hand. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** A {@link Deferred}. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A call that never answers: it rejects with the signal's reason when the signal aborts. */
export function untilAborted<T>(signal: AbortSignal): Promise<T> {
  return raceAbort(new Promise<T>(() => undefined), signal);
}
