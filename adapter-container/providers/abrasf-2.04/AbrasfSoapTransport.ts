import type { IncomingMessage } from 'node:http';
import type { Agent } from 'node:https';
import { soap, type WSDL } from 'strong-soap';
import { abrasfWsdl, type AbrasfOperation } from './abrasfWsdl';
import { AmbiguousProviderError, RejectedProviderError, TransientProviderError, type ProviderError } from '../errors';

/** The most bytes a city's answer may have by default: an NFS-e is a few KB; 5 MiB is a runaway. */
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** One call's HTTP timeout by default, ms. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Options of one SOAP endpoint. */
export interface AbrasfSoapTransportOptions {
  /** The city's SOAP endpoint. */
  readonly endpoint: string;
  /** Namespace of the `{Op}Request` wrappers. @default ours (see DEFAULT_SOAP_NAMESPACE) */
  readonly soapNamespace?: string;
  /** HTTP timeout of one call, ms. @default 30000 */
  readonly timeoutMs?: number;
  /**
   * The most bytes the city's answer may have (its body as read); past it the connection is
   * dropped and the call fails with Provider.Transient `RESPONSE_TOO_LARGE`, so a city that
   * streams without end cannot fill the adapter's memory. @default 5 MiB
   */
  readonly maxResponseBytes?: number;
  /**
   * Reuse connections between calls (HTTP keep-alive): a new TCP (and TLS) connection per call
   * costs more than the call itself on a busy adapter. A city that drops an idle connection just
   * as it is reused makes that call fail after sending — Ambiguous, so the retry consults first.
   * @default true
   */
  readonly keepAlive?: boolean;
}

/**
 * One call's control, passed through strong-soap to {@link controlledRequest} in the request
 * options: what it records (did the body leave, what status came back, did the answer overflow)
 * and what it enforces (the caller's abort, the size cap).
 */
interface CallControl {
  sent: boolean;
  statusCode?: number;
  readonly signal: AbortSignal | undefined;
  readonly maxResponseBytes: number;
}

/** The `request` library's in-flight request: what strong-soap's HttpClient gets back. */
type OutgoingRequest = NodeJS.EventEmitter & { abort(): void };
type RequestCallback = (error: unknown, response?: IncomingMessage, body?: unknown) => void;
type RequestOptions = Record<string, unknown> & { readonly callControl?: CallControl };
type RequestFunction = (options: Record<string, unknown>, callback: RequestCallback) => OutgoingRequest;

/** The `request` function strong-soap sends with (its HttpClient's default). */
const sendRequest = new soap.HttpClient({})._request as RequestFunction;

/** The city's answer passed the size cap: read no further. */
class ResponseTooLargeError extends Error {
  readonly code = 'RESPONSE_TOO_LARGE';

  constructor(readonly maxResponseBytes: number) {
    super(`the answer is larger than ${maxResponseBytes} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * strong-soap sends through `request` (see /work/shared/DEPENDENCIES.md), which knows neither an
 * AbortSignal nor a size cap; this wrapper adds both and records what strong-soap does not look
 * at: when the request body was fully written ('finish') — "not sent" lets a failed emit be
 * retried safely (Transient) rather than consulted first (Ambiguous) — and the HTTP status.
 * Aborting `request` destroys its socket, so the city sees the connection close and the call
 * ends on its side too, instead of running on after the worker gave up (and counting against
 * the city's concurrency while another call takes the slot). An aborted `request` never calls
 * back, so this one answers strong-soap itself, exactly once.
 */
function controlledRequest(options: RequestOptions, callback: RequestCallback): OutgoingRequest {
  const { callControl: control, ...requestOptions } = options;
  let settled = false;
  const settle: RequestCallback = (error, response, body) => {
    if (settled) return;
    settled = true;
    control?.signal?.removeEventListener('abort', onAbort);
    callback(error, response, body);
  };
  const outgoing = sendRequest(requestOptions, (error, response, body) => {
    if (control !== undefined && response !== undefined) control.statusCode = response.statusCode;
    settle(error, response, body);
  });
  const drop = (error: unknown): void => {
    outgoing.abort();
    settle(error);
  };
  const onAbort = (): void => drop(control?.signal?.reason);
  if (control === undefined) return outgoing;
  outgoing.on('request', (clientRequest: NodeJS.EventEmitter) => {
    clientRequest.on('finish', () => {
      control.sent = true;
    });
  });
  let received = 0;
  outgoing.on('response', (response: IncomingMessage) => {
    if (Number(response.headers['content-length'] ?? 0) > control.maxResponseBytes) drop(new ResponseTooLargeError(control.maxResponseBytes));
  });
  outgoing.on('data', (chunk: Buffer | string) => {
    received += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (received > control.maxResponseBytes) drop(new ResponseTooLargeError(control.maxResponseBytes));
  });
  if (control.signal?.aborted === true) onAbort();
  else control.signal?.addEventListener('abort', onAbort, { once: true });
  return outgoing;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const BUSY_FAULT = /busy|ocupad|throttl|too many|limite|indispon|unavailable|tente novamente|try again/i;

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && '$value' in value) return textOf((value as { $value: unknown }).$value);
  return undefined;
}

function faultOf(error: unknown): { readonly code: string; readonly text: string } | undefined {
  const fault = (error as { root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } } }).root?.Envelope?.Body?.Fault;
  if (fault === undefined) return undefined;
  return { code: textOf(fault.faultcode) ?? textOf(fault.Code) ?? 'Server', text: textOf(fault.faultstring) ?? textOf(fault.Reason) ?? '' };
}

/** Maps a failed call to the taxonomy. `idempotent` calls (consults) are never Ambiguous. */
function classify(error: unknown, control: CallControl, idempotent: boolean): ProviderError {
  if (error instanceof ResponseTooLargeError) {
    return new TransientProviderError(error.code, `the city's answer is larger than ${error.maxResponseBytes} bytes: the connection was dropped`, { cause: error });
  }
  const status = control.statusCode;
  const fault = faultOf(error);
  if (fault !== undefined) {
    const clientFault = /client|sender/i.test(fault.code) && !BUSY_FAULT.test(fault.text);
    return clientFault
      ? new RejectedProviderError('SOAP_FAULT', `the city refused the call: ${fault.text}`, undefined, { cause: error })
      : new TransientProviderError('SOAP_FAULT', `SOAP fault ${fault.code}: ${fault.text}`, { cause: error });
  }
  if (status !== undefined) {
    if (status >= 500 || status === 408 || status === 429) return new TransientProviderError(`HTTP_${status}`, `the city answered HTTP ${status}`, { cause: error });
    if (status >= 400) return new RejectedProviderError(`HTTP_${status}`, `the city answered HTTP ${status}`, undefined, { cause: error });
    return new TransientProviderError('BAD_RESPONSE', `the city's answer could not be read (HTTP ${status})`, { cause: error });
  }
  const code = String((error as { code?: unknown }).code ?? 'NETWORK_ERROR');
  const message = error instanceof Error ? error.message : String(error);
  if (!control.sent || NOT_SENT_CODES.has(code)) return new TransientProviderError(code, `the request did not reach the city: ${message}`, { cause: error });
  if (idempotent) return new TransientProviderError(code, `no answer from the city: ${message}`, { cause: error });
  return new AmbiguousProviderError(code, `no answer after the request was sent (it may have been processed): ${message}`, { cause: error });
}

/** What we need of strong-soap's generated client. */
type OperationFunction = (args: Record<string, unknown>, callback: (error: unknown, result?: unknown) => void, options?: Record<string, unknown>) => void;

/**
 * One strong-soap client per endpoint (the WSDL is parsed once), calling the ABRASF operations with
 * `{Op}Request {nfseCabecMsg, nfseDadosMsg}` and returning `outputXML`.
 */
export class AbrasfSoapTransport {
  private constructor(
    private readonly client: Record<string, unknown>,
    private readonly timeoutMs: number,
    /** The endpoint this transport calls. */
    readonly endpoint: string,
    private readonly keepAlive: boolean,
    private readonly maxResponseBytes: number,
  ) {}

  /** Parses our WSDL and creates the client (no network call). */
  static async create(options: AbrasfSoapTransportOptions): Promise<AbrasfSoapTransport> {
    const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    if (!Number.isInteger(maxResponseBytes) || maxResponseBytes < 1) throw new RangeError(`maxResponseBytes must be a positive integer, got ${maxResponseBytes}`);
    const text = abrasfWsdl({ location: options.endpoint, namespace: options.soapNamespace });
    const wsdl = await new Promise<WSDL>((resolve, reject) => {
      new soap.WSDL(text, `${options.endpoint}?wsdl`, {}).load((error, loaded) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(loaded)));
    });
    const client = new soap.Client(wsdl, options.endpoint, { request: controlledRequest }) as unknown as Record<string, unknown>;
    return new AbrasfSoapTransport(client, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.endpoint, options.keepAlive ?? true, maxResponseBytes);
  }

  /**
   * Calls `operation` and resolves with the city's `outputXML`; rejects with a ProviderError.
   * `idempotent` (consults): a timeout after sending is Transient, not Ambiguous. When `signal`
   * aborts, the HTTP request is aborted (its connection closed) and the call rejects with the
   * signal's reason, at once — without sending when it had already aborted. `agent` is the HTTPS
   * agent of this call (mutual TLS with the company's certificate, or the city's CA: `CityAgents`);
   * without it, `request`'s own keep-alive pool and Node's roots.
   */
  call(operation: AbrasfOperation, cabecalhoXml: string, dadosXml: string, idempotent: boolean, signal?: AbortSignal, agent?: Agent): Promise<string> {
    const method = this.client[operation];
    if (typeof method !== 'function') return Promise.reject(new TransientProviderError('NO_OPERATION', `the WSDL has no operation ${operation}`));
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    const invoke = (method as OperationFunction).bind(this.client);
    const control: CallControl = { sent: false, signal, maxResponseBytes: this.maxResponseBytes };
    return new Promise<string>((resolve, reject) => {
      // document/literal: the payload must be wrapped in the request element's name.
      invoke(
        { [`${operation}Request`]: { nfseCabecMsg: cabecalhoXml, nfseDadosMsg: dadosXml } },
        (error, result) => {
          if (signal?.aborted === true) return reject(signal.reason);
          if (error !== null && error !== undefined) return reject(classify(error, control, idempotent));
          const output = textOf((result as { outputXML?: unknown } | undefined)?.outputXML);
          if (control.statusCode !== undefined && control.statusCode >= 500) return reject(classify(new Error('server error'), control, idempotent));
          if (output === undefined || output.trim() === '') return reject(new TransientProviderError('EMPTY_RESPONSE', `the city answered ${operation} without outputXML`));
          resolve(output);
        },
        // `forever`: request's pooled keep-alive agent (unless the call brings its own); strong-soap
        // asks for `Connection: close` unless told otherwise.
        { timeout: this.timeoutMs, callControl: control, ...(agent === undefined ? {} : { agent }), ...(this.keepAlive ? { forever: true, headers: { Connection: 'keep-alive' } } : {}) },
      );
    });
  }
}
