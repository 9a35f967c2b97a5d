/** A `fetch`, injected so tests and the local cloud can give their own. */
export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

/** What came back: the status and the body parsed as JSON (`undefined` when it is not JSON). */
export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Why no answer came: it timed out, or the connection failed. */
export class NoAnswerError extends Error {
  public constructor(
    public readonly reason: 'timeout' | 'network',
    message: string,
    options: { readonly cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'NoAnswerError';
  }
}

/** One HTTP call with a deadline; answers whatever status came back, throws {@link NoAnswerError} when none did. */
export async function fetchJson(fetchFn: FetchFn, url: string, init: RequestInit, timeoutMs: number): Promise<JsonAnswer> {
  let response: Response;
  let text: string;
  try {
    const signal = AbortSignal.timeout(timeoutMs);
    response = await fetchFn(url, { ...init, signal });
    text = await response.text();
  } catch (error) {
    // A DOMException (the abort) is not always an `Error` of this realm: read its name as a property.
    const name: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'name') : undefined;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    throw new NoAnswerError(timedOut ? 'timeout' : 'network', timedOut ? `no answer from ${new URL(url).host} within ${timeoutMs} ms` : `could not reach ${new URL(url).host}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  let body: unknown;
  try {
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}
