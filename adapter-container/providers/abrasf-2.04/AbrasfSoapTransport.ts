import type { IncomingMessage } from 'node:http';
import { soap, type WSDL } from 'strong-soap';
import { abrasfWsdl, type AbrasfOperation } from './abrasfWsdl';
import { AmbiguousProviderError, RejectedProviderError, TransientProviderError, type ProviderError } from '../errors';

/** Options of one SOAP endpoint. */
export interface AbrasfSoapTransportOptions {
  /** The city's SOAP endpoint. */
  readonly endpoint: string;
  /** Namespace of the `{Op}Request` wrappers. @default ours (see DEFAULT_SOAP_NAMESPACE) */
  readonly soapNamespace?: string;
  /** HTTP timeout of one call, ms. @default 30000 */
  readonly timeoutMs?: number;
  /**
   * Reuse connections between calls (HTTP keep-alive): a new TCP (and TLS) connection per call
   * costs more than the call itself on a busy adapter. A city that drops an idle connection just
   * as it is reused makes that call fail after sending — Ambiguous, so the retry consults first.
   * @default true
   */
  readonly keepAlive?: boolean;
}

/** Per-call facts the request wrapper records: did the body leave, what status came back. */
interface CallTracker {
  sent: boolean;
  statusCode?: number;
}

type RequestCallback = (error: unknown, response?: IncomingMessage, body?: unknown) => void;
type RequestOptions = Record<string, unknown> & { readonly callTracker?: CallTracker };
type RequestFunction = (options: Record<string, unknown>, callback: RequestCallback) => NodeJS.EventEmitter;

/** The `request` function strong-soap sends with (its HttpClient's default). */
const sendRequest = new soap.HttpClient({})._request as RequestFunction;

/**
 * strong-soap sends through `request`; this wrapper notes when the request body was fully
 * written ('finish') and the HTTP status, which strong-soap does not look at. "Not sent" is what
 * lets a failed emit be retried safely (Transient) rather than consulted first (Ambiguous).
 */
function trackingRequest(options: RequestOptions, callback: RequestCallback): NodeJS.EventEmitter {
  const { callTracker: tracker, ...requestOptions } = options;
  const outgoing = sendRequest(requestOptions, (error, response, body) => {
    if (tracker !== undefined && response !== undefined) tracker.statusCode = response.statusCode;
    callback(error, response, body);
  });
  outgoing.on('request', (clientRequest: NodeJS.EventEmitter) => {
    clientRequest.on('finish', () => {
      if (tracker !== undefined) tracker.sent = true;
    });
  });
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
function classify(error: unknown, tracker: CallTracker, idempotent: boolean): ProviderError {
  const status = tracker.statusCode;
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
  if (!tracker.sent || NOT_SENT_CODES.has(code)) return new TransientProviderError(code, `the request did not reach the city: ${message}`, { cause: error });
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
  ) {}

  /** Parses our WSDL and creates the client (no network call). */
  static async create(options: AbrasfSoapTransportOptions): Promise<AbrasfSoapTransport> {
    const text = abrasfWsdl({ location: options.endpoint, namespace: options.soapNamespace });
    const wsdl = await new Promise<WSDL>((resolve, reject) => {
      new soap.WSDL(text, `${options.endpoint}?wsdl`, {}).load((error, loaded) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(loaded)));
    });
    const client = new soap.Client(wsdl, options.endpoint, { request: trackingRequest }) as unknown as Record<string, unknown>;
    return new AbrasfSoapTransport(client, options.timeoutMs ?? 30_000, options.endpoint, options.keepAlive ?? true);
  }

  /**
   * Calls `operation` and resolves with the city's `outputXML`; rejects with a ProviderError.
   * `idempotent` (consults): a timeout after sending is Transient, not Ambiguous.
   */
  call(operation: AbrasfOperation, cabecalhoXml: string, dadosXml: string, idempotent: boolean): Promise<string> {
    const method = this.client[operation];
    if (typeof method !== 'function') return Promise.reject(new TransientProviderError('NO_OPERATION', `the WSDL has no operation ${operation}`));
    const invoke = (method as OperationFunction).bind(this.client);
    const tracker: CallTracker = { sent: false };
    return new Promise<string>((resolve, reject) => {
      // document/literal: the payload must be wrapped in the request element's name.
      invoke(
        { [`${operation}Request`]: { nfseCabecMsg: cabecalhoXml, nfseDadosMsg: dadosXml } },
        (error, result) => {
          if (error !== null && error !== undefined) return reject(classify(error, tracker, idempotent));
          const output = textOf((result as { outputXML?: unknown } | undefined)?.outputXML);
          if (tracker.statusCode !== undefined && tracker.statusCode >= 500) return reject(classify(new Error('server error'), tracker, idempotent));
          if (output === undefined || output.trim() === '') return reject(new TransientProviderError('EMPTY_RESPONSE', `the city answered ${operation} without outputXML`));
          resolve(output);
        },
        // `forever`: request's pooled keep-alive agent; strong-soap asks for `Connection: close` unless told otherwise.
        { timeout: this.timeoutMs, callTracker: tracker, ...(this.keepAlive ? { forever: true, headers: { Connection: 'keep-alive' } } : {}) },
      );
    });
  }
}
