import type { Agent } from 'node:https';
import type { SignatureAlgorithm, SignedElement } from '../../../contracts/municipality';

/**
 * What a call to the national system needs of the company's A1 certificate: a signer for the
 * elements it requires signed and an HTTPS agent that presents the certificate (mutual TLS). The
 * agent carries the client certificate only; the city's CA is added per request
 * (`MunicipalityConfig.caFile`), since one company calls several systems.
 */
export interface CompanyCredentials {
  /** `xml` with an enveloped XMLDSig over the first `element` (referenced by its `Id`). */
  sign(xml: string, element: SignedElement, algorithm: SignatureAlgorithm): string;
  readonly agent: Agent;
}

/**
 * The seam through which providers get a company's credentials: the adapter's certificate cache
 * in production, certificates made on the spot in tests. Rejects when the company has no usable
 * certificate (a `ProviderError`, so the invoice fails with a reason rather than crashing the adapter).
 */
export type CredentialsSource = (companyCnpj: string, signal: AbortSignal) => Promise<CompanyCredentials>;
