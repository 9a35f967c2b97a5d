import type { CancelProviderRequest, ConsultProviderRequest, IssueProviderRequest } from '../../contracts/providerRequest';
import type { AcceptedResult, IssuedResult, ProviderResult } from '../../contracts/providerResult';
import type { MunicipalityConfig } from '../../contracts/municipality';
import type { Agent } from 'node:https';
import type { CompanyCredentials } from '../certificates/CompanyCredentials';

/** The city issued the NFS-e: the contract's result plus the legal document the city returned. */
export type IssuedOutcome = IssuedResult & {
  /** The city's NFS-e XML, stored by the worker at the message's `nfseXmlKey` before answering. */
  readonly nfseXml: string;
  /** The NFS-e's PDF as the city serves it (the national DANFSe), stored at `issuedDocumentKeys().danfseKey`. */
  readonly danfsePdf?: Uint8Array;
};

/** The city took an asynchronous batch; consult it later with the protocol. */
export type AcceptedOutcome = AcceptedResult;

/** The city cancelled the NFS-e. */
export type CancelledOutcome = Extract<ProviderResult, { outcome: 'cancelled' }>;

/**
 * What a provider call ends with when the city answered well: the contract's `ProviderResult`,
 * plus the NFS-e XML when issued. Failures are thrown as `ProviderError`s instead.
 */
export type ProviderOutcome = IssuedOutcome | AcceptedOutcome | CancelledOutcome;

/**
 * Whom a call is made for, where the city requires it: the company's certificate (its documents
 * are signed with it) and the HTTPS agent of the connection (mutual TLS presenting that
 * certificate, or the city's own CA). Absent parts: unsigned, and the transport's default connection.
 */
export interface CallCredentials {
  readonly company?: CompanyCredentials;
  readonly agent?: Agent;
}

/**
 * A municipal web service as the adapter worker sees it. One instance serves one municipality
 * (see {@link ProviderFactory}); implementations live in `providers/<name>/`.
 *
 * Every method throws a `ProviderError` (taxonomy name + the city's `{code, message}`) when the
 * city refused or could not be reached, and a `MismatchProviderError` when the city answered with
 * an NFS-e that does not answer `rpsXml` (another RPS, prestador, municipality or value): an
 * NFS-e is never returned as issued before it is proven ours. Any other thrown error is a crash of the
 * adapter (the message is left for SQS to redeliver). Implementations enforce their own call
 * timeout (30 s by default) and decide Transient (nothing reached the city) versus Ambiguous (the
 * request went out and no answer came back). `signal` aborts the call when the worker gives up on
 * it (the task token went stale, or shutdown ran past its grace period). `credentials` carry the
 * company's certificate and connection where the city requires them (see {@link CallCredentials});
 * the RPS comes signed as the worker stored it, and the provider signs what it builds itself
 * (a lot, a cancellation request) as the municipality's `signing` says.
 */
export interface Provider {
  /**
   * Sends the RPS (`GerarNfse`, or `RecepcionarLoteRps` for asynchronous cities). When the city
   * answers that the RPS was already informed (ABRASF E10), the implementation consults by RPS and
   * returns the existing NFS-e as issued: a retry must never issue a second one. A `substitute`
   * request replaces the NFS-e it names (ABRASF `SubstituirNfse`; the national DPS carries its
   * `subst` group already).
   */
  emit(request: IssueProviderRequest, rpsXml: string, signal: AbortSignal, credentials?: CallCredentials): Promise<ProviderOutcome>;
  /** Asks how an asynchronous batch went (`ConsultarLoteRps`): issued, or still accepted. `rpsXml` is the RPS the batch carried. */
  consult(request: ConsultProviderRequest, rpsXml: string, signal: AbortSignal, credentials?: CallCredentials): Promise<ProviderOutcome>;
  /**
   * Looks the RPS up (`ConsultarNfsePorRps`) before a resend: the NFS-e when the city already
   * issued it, `undefined` when it has none for this RPS.
   */
  consultByRps(request: IssueProviderRequest, rpsXml: string, signal: AbortSignal, credentials?: CallCredentials): Promise<ProviderOutcome | undefined>;
  /** Cancels the NFS-e (`CancelarNfse`). */
  cancel(request: CancelProviderRequest, signal: AbortSignal, credentials?: CallCredentials): Promise<ProviderOutcome>;
  /**
   * Gets ready to call (e.g. builds its SOAP client from the WSDL), called before the worker
   * takes one of the city's slots and rate starts: a start must reach the city at once, not after
   * the client is built. Rejects when `signal` aborts first. @default ready at once
   */
  ready?(signal: AbortSignal): Promise<void>;
}

/** Builds the provider for one municipality of the registry (its endpoint, mode, environment). */
export type ProviderFactory = (municipality: MunicipalityConfig) => Provider;
