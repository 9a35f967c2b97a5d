import { PROVIDER_ERRORS, type ProviderErrorName } from '../../contracts/providerErrors';
import type { ProviderFailureCause } from '../../contracts/providerResult';

/** What `SendTaskFailure` carries: the taxonomy name as `error`, the cause as JSON text. */
export interface TaskFailure {
  readonly error: ProviderErrorName;
  readonly cause: string;
}

/**
 * A call to the city that did not give a result. `errorName` is the taxonomy name the workflows
 * match in Retry/Catch; `code`/`message` are the city's (or the transport's) own words. Every
 * provider throws these; anything else the worker treats as a crash.
 */
export abstract class ProviderError extends Error {
  abstract readonly errorName: ProviderErrorName;

  constructor(
    /** The city's code (`E160`), or the transport's (`ECONNREFUSED`, `HTTP_503`, `SOAP_FAULT`). */
    readonly code: string,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  /** The `Cause` JSON of SendTaskFailure (contract ProviderFailureCause). */
  toCause(): ProviderFailureCause {
    return { code: this.code, message: this.message };
  }

  /** The pair the adapter hands to SendTaskFailure. */
  toTaskFailure(): TaskFailure {
    return { error: this.errorName, cause: JSON.stringify(this.toCause()) };
  }
}

/** Connection refused, 5xx, SOAP fault "server busy", throttled: the state machine retries. */
export class TransientProviderError extends ProviderError {
  readonly errorName = PROVIDER_ERRORS.Transient;
}

/** One message of the city's answer (ABRASF `MensagemRetorno`, a national API `mensagem`). */
export interface CityMessage {
  readonly code: string;
  readonly message: string;
  readonly correction?: string;
}

/** The city rejected the content (a ListaMensagemRetorno code): permanent. */
export class RejectedProviderError extends ProviderError {
  readonly errorName = PROVIDER_ERRORS.Rejected;
  /** Every message the city returned, in order (the first is `code`/`message`). */
  readonly messages: readonly CityMessage[];

  constructor(
    code: string,
    message: string,
    /** The city's suggested fix (`Correcao`), when it gave one. */
    readonly correction?: string,
    options?: { readonly cause?: unknown; readonly messages?: readonly CityMessage[] },
  ) {
    super(code, message, options);
    this.messages = options?.messages ?? [{ code, message, ...(correction === undefined ? {} : { correction }) }];
  }
}

/** Timed out after the request was sent: the city may have acted; consult before resending. */
export class AmbiguousProviderError extends ProviderError {
  readonly errorName = PROVIDER_ERRORS.Ambiguous;
}

/** The request cannot be processed at all (unreadable, its RPS gone): the invoice fails at once. */
export class DeadLetteredProviderError extends ProviderError {
  readonly errorName = PROVIDER_ERRORS.DeadLettered;
}

/**
 * The city answered with an NFS-e that is not the one for our RPS (another RPS, prestador,
 * municipality or value): never accepted, never retried — someone must look.
 */
export class MismatchProviderError extends ProviderError {
  readonly errorName = PROVIDER_ERRORS.Mismatch;
}

/**
 * The company has no usable A1 certificate for a city that requires one (none stored, unreadable,
 * expired, another company's): never retried, the invoice FAILED until a valid one is uploaded.
 */
export class CertificateMissingProviderError extends ProviderError {
  readonly errorName = PROVIDER_ERRORS.CertificateMissing;
}

const BY_NAME: Record<ProviderErrorName, new (code: string, message: string) => ProviderError> = {
  [PROVIDER_ERRORS.Transient]: TransientProviderError,
  [PROVIDER_ERRORS.Rejected]: RejectedProviderError,
  [PROVIDER_ERRORS.Ambiguous]: AmbiguousProviderError,
  [PROVIDER_ERRORS.DeadLettered]: DeadLetteredProviderError,
  [PROVIDER_ERRORS.Mismatch]: MismatchProviderError,
  [PROVIDER_ERRORS.CertificateMissing]: CertificateMissingProviderError,
};

/** The error of the taxonomy named `errorName` (for code that picks the name from data). */
export function providerErrorNamed(errorName: ProviderErrorName, code: string, message: string): ProviderError {
  return new BY_NAME[errorName](code, message);
}

/** The rejection for a list of city messages (the first one names it). */
export function rejectionOf(messages: readonly CityMessage[]): RejectedProviderError {
  const [first] = messages;
  return new RejectedProviderError(first?.code ?? 'UNKNOWN', first?.message ?? 'the city rejected the request without a message', first?.correction, { messages });
}
