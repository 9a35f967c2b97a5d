/** What a Lambda runtime answers for one invocation, as its HTTP interface would send it. */
export interface RuntimeAnswer {
  readonly status: number;
  /** `Unhandled` when the handler threw, as the `X-Amz-Function-Error` header says it. */
  readonly functionError?: 'Unhandled';
  readonly body: string;
}

/** A Lambda runtime of this process, reachable without its port. */
export interface InProcessRuntime {
  /**
   * Runs the function `name` on the invocation body `text` (invoked as `invokedFunctionArn`, when
   * the caller says); undefined when it serves no such function.
   */
  answer(name: string, requestId: string, text: string, invokedFunctionArn?: string): Promise<RuntimeAnswer> | undefined;
}

// The runtimes serving in this process, by origin (`http://127.0.0.1:40123`).
const runtimes = new Map<string, InProcessRuntime>();

/** Makes a runtime reachable in-process at its origin. */
export function registerInProcessRuntime(origin: string, runtime: InProcessRuntime): void {
  runtimes.set(origin, runtime);
}

/** Forgets a runtime (it stopped): invocations then go to its port, which refuses them as it would. */
export function unregisterInProcessRuntime(origin: string, runtime: InProcessRuntime): void {
  if (runtimes.get(origin) === runtime) runtimes.delete(origin);
}

/** The runtime of this process serving `origin`, if any. */
export function inProcessRuntime(origin: string): InProcessRuntime | undefined {
  return runtimes.get(origin);
}
