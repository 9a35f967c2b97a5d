import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { certificateRequired, type MunicipalityConfig } from '../../contracts/municipality';
import type { ProviderRequest } from '../../contracts/providerRequest';
import type { Agent } from 'node:https';
import type { CompanyCertificates } from '../certificates/CompanyCertificates';
import type { CompanyCredentials } from '../certificates/CompanyCredentials';
import { RejectedProviderError } from '../providers/errors';
import type { CallCredentials } from '../providers/Provider';
import type { CityAgents } from '../tls/CityAgents';
import { loadLibxml2 } from '../xml/loadLibxml2';
import { signElements } from '../xml/signElements';

/**
 * Whether this call needs the company's certificate: every call to a city with mutual TLS, and
 * those that send a document the city requires signed (an emit, a cancellation). A batch consult
 * at a city that only signs does not: a certificate gone since the lot was sent must not fail an
 * invoice the city may have issued.
 */
function needsCertificate(request: ProviderRequest, municipality: MunicipalityConfig): boolean {
  if (!certificateRequired(municipality)) return false;
  return municipality.mtls || request.kind !== 'consult';
}

/** What {@link CompanyCalls} needs. */
export interface CompanyCallsOptions {
  readonly certificates: CompanyCertificates;
  readonly agents: CityAgents;
  readonly s3: S3Client;
  /** `DOCS_BUCKET`: a signed RPS replaces the one stored at its `xmlKey`. */
  readonly bucket: string;
}

/** A call ready to go: whom it is made for, and the RPS as it will be sent. */
export interface PreparedCall {
  readonly credentials: CallCredentials;
  /** The RPS of an emit or a consult, signed where the city requires it; undefined for a cancellation. */
  readonly rpsXml: string | undefined;
}

/**
 * Readies a request's city call for its company, before one of the city's slots is taken (it
 * reads Secrets Manager, signs and writes S3, none of which is the city's time):
 *
 * - the company's certificate, where the call needs it (see {@link needsCertificate}); none
 *   usable is Provider.CertificateMissing, never retried;
 * - the HTTPS agent of the connection (mutual TLS presenting that certificate, or the city's CA);
 * - for an emit, the RPS signed as the city's `signing` says, **stored at its `xmlKey` before it
 *   is sent**: the RPS kept is the document the city received, signature included (what the
 *   console links and a dispute needs), even when the answer never comes. The emit function
 *   stores it unsigned (the API never holds a company's key); the first attempt replaces it, a
 *   retry finds it signed already and writes nothing.
 */
export class CompanyCalls {
  constructor(private readonly options: CompanyCallsOptions) {}

  async prepare(request: ProviderRequest, municipality: MunicipalityConfig, rpsXml: string | undefined): Promise<PreparedCall> {
    const company = needsCertificate(request, municipality) ? await this.options.certificates.credentialsFor(request.companyCnpj) : undefined;
    const agent = this.agentFor(municipality, company);
    const credentials: CallCredentials = { ...(company === undefined ? {} : { company }), ...(agent === undefined ? {} : { agent }) };
    if ((request.kind !== 'emit' && request.kind !== 'substitute') || rpsXml === undefined || company === undefined || municipality.signing.elements.length === 0) return { credentials, rpsXml };
    await loadLibxml2(); // the signer canonicalizes with libxml2-wasm, loaded once per process
    const signed = signElements(rpsXml, municipality.signing.elements, company.signer(municipality.signing.algorithm));
    if (signed !== rpsXml) {
      await this.options.s3.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: request.invoice.xmlKey, Body: signed, ContentType: 'application/xml' }));
    }
    return { credentials, rpsXml: signed };
  }

  /** The call's agent; a registry entry that cannot give one (see `cityTlsProblems`) fails the call as Provider.Rejected. */
  private agentFor(municipality: MunicipalityConfig, company: CompanyCredentials | undefined): Agent | undefined {
    try {
      return this.options.agents.agentFor(municipality, company);
    } catch (error) {
      throw new RejectedProviderError('MunicipalityMisconfigured', `municipality ${municipality.code} cannot be called as the registry describes it: ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
    }
  }
}
