/** What the HTTP layer answered, captured under the SDK's deserializer. */
export interface HttpExchange {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** The part of an SDK v3 client this module needs. */
export interface SendingClient {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** The part of an SDK v3 command this module needs. */
interface CommandWithStack {
  readonly middlewareStack: { add(middleware: unknown, options: { step: 'deserialize'; name: string }): void };
}

type DeserializeNext = (args: unknown) => Promise<{ readonly response: unknown; readonly output: unknown }>;

/** An SDK command's output, with the HTTP exchange when the call went over the wire. */
export interface CommandResult {
  readonly output: Record<string, unknown>;
  /** Absent when the client did not reach HTTP (e.g. a mocked client). */
  readonly http?: HttpExchange;
}

/**
 * Sends `command` through `client`, capturing the HTTP status and headers that Step Functions
 * shows in `SdkHttpMetadata` (the SDK v3 output keeps only `$metadata`).
 */
export async function sendCommand(client: SendingClient, command: object, signal: AbortSignal): Promise<CommandResult> {
  let http: HttpExchange | undefined;
  if (hasMiddlewareStack(command)) {
    const capture = (next: DeserializeNext) => async (args: unknown) => {
      const result = await next(args);
      http = readHttpResponse(result.response);
      return result;
    };
    command.middlewareStack.add(capture, { step: 'deserialize', name: 'stepFunctionsCaptureHttp' });
  }
  const output = await client.send(command, { abortSignal: signal });
  return { output: isRecord(output) ? output : {}, ...(http !== undefined ? { http } : {}) };
}

function hasMiddlewareStack(command: object): command is CommandWithStack {
  const stack: unknown = Reflect.get(command, 'middlewareStack');
  return isRecord(stack) && typeof stack.add === 'function';
}

function readHttpResponse(response: unknown): HttpExchange | undefined {
  if (!isRecord(response) || typeof response.statusCode !== 'number') return undefined;
  const headers: Record<string, string> = {};
  if (isRecord(response.headers)) {
    for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers[name] = value;
  }
  return { statusCode: response.statusCode, headers };
}

/** Narrows to a plain object record. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
