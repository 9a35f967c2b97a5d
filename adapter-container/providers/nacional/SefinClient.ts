import { request as httpsRequest, type Agent } from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { SefinErrorResponseSchema } from '../../../contracts/nacionalApi';
import { AmbiguousProviderError, rejectionOf, RejectedProviderError, TransientProviderError, type ProviderError } from '../errors';

/** One call's HTTP timeout by default, ms (as the ABRASF client's). */
export const DEFAULT_SEFIN_TIMEOUT_MS = 30_000;
/** The most bytes an answer may have by default: an NFS-e or a DANFSe is tens of KB. */
export const DEFAULT_SEFIN_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** Options of {@link SefinClient}. */
export interface SefinClientOptions {
  /** The system's base URL, e.g. `https://sefin.producaorestrita.nfse.gov.br/SefinNacional`. */
  readonly baseUrl: string;
  /** @default 30000 */
  readonly timeoutMs?: number;
  /** Past it the connection is dropped: Provider.Transient `RESPONSE_TOO_LARGE`. @default 5 MiB */
  readonly maxResponseBytes?: number;
}

/** One request. */
export interface SefinRequest {
  readonly method: 'GET' | 'HEAD' | 'POST';
  /** Below the base URL, e.g. `/nfse`. */
  readonly path: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /**
   * A read, or a write the system refuses to repeat: a timeout after sending is then Transient.
   * A write that may have acted (`POST /nfse`) is not: its timeout is Ambiguous.
   */
  readonly idempotent: boolean;
  /**
   * The connection's agent (`CityAgents`): it presents the company's certificate (mutual TLS) and
   * trusts the city's `caFile`. @default Node's global agent
   */
  readonly agent?: Agent;
  readonly signal?: AbortSignal;
}

/** The system's answer, whatever its status below 500 (408 and 429 excepted: those are thrown as Transient). */
export interface SefinAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

class ResponseTooLargeError extends Error {
  readonly code = 'RESPONSE_TOO_LARGE';
}

class CallTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

/**
 * The Sefin Nacional REST API over mutual TLS, mapping transport failures to the taxonomy exactly
 * as the ABRASF client does: nothing sent (refused, unreachable, a TLS handshake the server
 * refused) is Transient; 5xx, 408 and 429 are Transient; a timeout or reset after the request
 * went out is Ambiguous for a write that may have acted and Transient for a read; an answer past
 * the size cap is Transient. Other statuses are handed back for the provider to read.
 */
export class SefinClient {
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(private readonly options: SefinClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SEFIN_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_SEFIN_MAX_RESPONSE_BYTES;
  }

  /** The base URL this client calls. */
  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** Sends the request; rejects with a ProviderError (or the signal's reason once it aborts). */
  send(call: SefinRequest): Promise<SefinAnswer> {
    if (call.signal?.aborted === true) return Promise.reject(call.signal.reason);
    const url = new URL(`${this.options.baseUrl.replace(/\/+$/, '')}${call.path}`);
    const payload = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body));
    return new Promise<SefinAnswer>((resolve, reject) => {
      let sent = false;
      let settled = false;
      const finish = (error: unknown, answer?: SefinAnswer): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        call.signal?.removeEventListener('abort', onAbort);
        if (answer !== undefined) resolve(answer);
        else reject(call.signal?.aborted === true ? call.signal.reason : this.classify(error, sent, call.idempotent));
      };
      const req: ClientRequest = httpsRequest(url, {
        method: call.method,
        ...(call.agent === undefined ? {} : { agent: call.agent }),
        headers: {
          accept: 'application/json, application/pdf',
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': payload.length }),
        },
      });
      const onAbort = (): void => {
        req.destroy();
        finish(call.signal?.reason);
      };
      const timer = setTimeout(() => {
        const error = new CallTimeoutError(`no answer within ${this.timeoutMs} ms`);
        req.destroy(error);
        finish(error);
      }, this.timeoutMs);
      call.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('finish', () => {
        sent = true;
      });
      req.on('error', (error) => finish(error));
      req.on('response', (response: IncomingMessage) => this.read(response, req, finish));
      req.end(payload);
    });
  }

  private read(response: IncomingMessage, req: ClientRequest, finish: (error: unknown, answer?: SefinAnswer) => void): void {
    const status = response.statusCode ?? 0;
    if (Number(response.headers['content-length'] ?? 0) > this.maxResponseBytes) {
      req.destroy();
      return finish(new ResponseTooLargeError(`the answer is larger than ${this.maxResponseBytes} bytes`));
    }
    const chunks: Buffer[] = [];
    let received = 0;
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > this.maxResponseBytes) {
        req.destroy();
        finish(new ResponseTooLargeError(`the answer is larger than ${this.maxResponseBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('error', (error) => finish(error));
    response.on('end', () => {
      if (status >= 500 || status === 408 || status === 429) return finish(new HttpStatusError(status));
      finish(undefined, { status, contentType: String(response.headers['content-type'] ?? ''), body: Buffer.concat(chunks) });
    });
  }

  private classify(error: unknown, sent: boolean, idempotent: boolean): ProviderError {
    if (error instanceof HttpStatusError) return new TransientProviderError(`HTTP_${error.status}`, `the national system answered HTTP ${error.status}`, { cause: error });
    if (error instanceof ResponseTooLargeError) return new TransientProviderError(error.code, `the national system's answer is larger than ${this.maxResponseBytes} bytes: the connection was dropped`, { cause: error });
    const code = String((error as { code?: unknown }).code ?? 'NETWORK_ERROR');
    const message = error instanceof Error ? error.message : String(error);
    if (!sent || NOT_SENT_CODES.has(code)) return new TransientProviderError(code, `the request did not reach the national system: ${message}`, { cause: error });
    if (idempotent) return new TransientProviderError(code, `no answer from the national system: ${message}`, { cause: error });
    return new AmbiguousProviderError(code, `no answer after the request was sent (it may have been processed): ${message}`, { cause: error });
  }
}

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The JSON of an answer, or undefined when it is not JSON. */
export function jsonOf(answer: SefinAnswer): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A 4xx answer as Provider.Rejected: the system's `erros` (codes and messages kept), or the bare status. */
export function rejectionOfAnswer(answer: SefinAnswer, what: string): RejectedProviderError {
  const parsed = SefinErrorResponseSchema.safeParse(jsonOf(answer));
  if (parsed.success) return rejectionOf(parsed.data.erros.map((erro) => ({ code: erro.code, message: erro.message, ...(erro.complement === undefined || erro.complement === null ? {} : { correction: erro.complement }) })));
  return new RejectedProviderError(`HTTP_${answer.status}`, `the national system refused ${what} with HTTP ${answer.status}`);
}

/** The codes of a 4xx answer's `erros` (empty when it has none). */
export function errorCodesOf(answer: SefinAnswer): string[] {
  const parsed = SefinErrorResponseSchema.safeParse(jsonOf(answer));
  return parsed.success ? parsed.data.erros.map((erro) => erro.code) : [];
}
