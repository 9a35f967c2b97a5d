import type { MunicipalityConfig } from '../../../contracts/municipality';
import {
  NACIONAL_EVENT_TYPES,
  SefinDpsResponseSchema,
  SefinEmitResponseSchema,
  SefinEventListResponseSchema,
  SefinEventResponseSchema,
  SefinNfseResponseSchema,
} from '../../../contracts/nacionalApi';
import type { CancelProviderRequest, ConsultProviderRequest, IssueProviderRequest } from '../../../contracts/providerRequest';
import { issuedDocumentKeys } from '../../../contracts/invoiceRecord';
import type { SchemaValidator } from '../../xml/SchemaValidator';
import { readXml, XmlReadError } from '../../xml/XmlReader';
import { elementId } from '../../xml/signElements';
import { toIsoUtc } from '../abrasf-2.04/toIsoUtc';
import { CertificateMissingProviderError, MismatchProviderError, RejectedProviderError, TransientProviderError } from '../errors';
import type { CallCredentials, CancelledOutcome, IssuedOutcome, Provider } from '../Provider';
import type { CompanyCredentials } from '../../certificates/CompanyCredentials';
import { signElements } from '../../xml/signElements';
import { dpsIdentityOf, dpsMismatches, readDpsIdentity } from './dpsIdentity';
import { fromGzipBase64, toGzipBase64 } from './gzipBase64';
import { cancellationRequestXml } from './pedRegEvento';
import { errorCodesOf, jsonOf, rejectionOfAnswer, type SefinClient } from './SefinClient';

/** The national system's answer codes that mean more than "rejected" (a city's `codes` override them). */
export const NACIONAL_CODES = {
  /** "DPS já existe em uma NFS-e gerada": issued before; read it instead of failing. */
  rpsAlreadyInformed: ['E0014'],
} as const;

/** What {@link NacionalProvider} is built from. */
export interface NacionalProviderOptions {
  /** The municipality (provider `nacional`): its environment, signing and code overrides. */
  readonly municipality: MunicipalityConfig;
  /** The Sefin Nacional API at the municipality's endpoint. */
  readonly client: SefinClient;
  /** The DANFSe service (its own base URL per environment). @default `client` */
  readonly danfseClient?: SefinClient;
  /** Validates each DPS and event request before it leaves. */
  readonly validators: { readonly dps: SchemaValidator; readonly pedRegEvento: SchemaValidator };
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** Told when an NFS-e was issued but its DANFSe could not be fetched (the invoice is ISSUED without its PDF). @default ignored */
  readonly onDanfseUnavailable?: (chaveAcesso: string, error: unknown) => void;
}

/** The NFS-e the national system holds for a DPS, as read back. */
interface NationalNfse {
  readonly chaveAcesso: string;
  readonly nfseXml: string;
}

/** Brasília civil time (UTC−3), as `TSDateTimeUTC` wants it: `2026-11-23T09:30:00-03:00`. */
function brasiliaDateTime(instant: Date): string {
  return `${new Date(instant.getTime() - 3 * 3_600_000).toISOString().slice(0, 19)}-03:00`;
}

/**
 * One municipality on the national system (Sefin Nacional): issues an NFS-e from the DPS built at
 * emission (validated, signed, gzip + base64, `POST /nfse` over mutual TLS), finds a DPS already
 * issued by its deterministic `Id` (`HEAD`/`GET /dps/{Id}`, and on E0014), and cancels by event
 * e101101. An NFS-e is returned as issued only once the DPS inside it proves it answers ours.
 */
export class NacionalProvider implements Provider {
  private readonly now: () => Date;
  private readonly alreadyIssued: readonly string[];

  constructor(private readonly options: NacionalProviderOptions) {
    this.now = options.now ?? (() => new Date());
    this.alreadyIssued = options.municipality.codes?.rpsAlreadyInformed ?? NACIONAL_CODES.rpsAlreadyInformed;
  }

  /**
   * Sends the DPS (signed by the worker as the city's `signing` says, and stored so before it is
   * sent); an E0014 answer ("already issued") is answered by reading the NFS-e the DPS produced.
   * A substitution is the same call: its DPS carries the `subst` group naming the replaced key,
   * and the national system cancels that NFS-e itself (event e105102).
   */
  async emit(request: IssueProviderRequest, dpsXml: string, signal: AbortSignal, credentials: CallCredentials = {}): Promise<IssuedOutcome> {
    const signed = this.validated(this.signed(dpsXml, credentials), this.options.validators.dps, 'DPS');
    const answer = await this.options.client.send({ method: 'POST', path: '/nfse', body: { dpsXmlGZipB64: toGzipBase64(signed) }, idempotent: false, agent: credentials.agent, signal });
    if (answer.status === 200 || answer.status === 201) {
      const issued = SefinEmitResponseSchema.safeParse(jsonOf(answer));
      if (!issued.success) throw new TransientProviderError('BAD_RESPONSE', `POST /nfse answered HTTP ${answer.status} without a readable NFS-e`);
      return this.issued({ chaveAcesso: issued.data.chaveAcesso, nfseXml: this.unzip(issued.data.nfseXmlGZipB64) }, request, dpsXml, credentials, signal);
    }
    if (errorCodesOf(answer).some((code) => this.alreadyIssued.includes(code))) {
      const existing = await this.readByDps(this.dpsIdOf(dpsXml), credentials, signal);
      if (existing !== undefined) return this.issued(existing, request, dpsXml, credentials, signal);
    }
    throw rejectionOfAnswer(answer, 'the DPS');
  }

  /** The national system is synchronous: it never hands out a protocol to consult. */
  consult(request: ConsultProviderRequest): Promise<IssuedOutcome> {
    return Promise.reject(new RejectedProviderError('NotSupported', `the national system issues at once: there is no batch ${request.protocol} to consult`));
  }

  /** `HEAD /dps/{Id}` before a resend: the NFS-e the DPS already produced, or undefined. */
  async consultByRps(request: IssueProviderRequest, dpsXml: string, signal: AbortSignal, credentials: CallCredentials = {}): Promise<IssuedOutcome | undefined> {
    const id = this.dpsIdOf(dpsXml);
    const head = await this.options.client.send({ method: 'HEAD', path: `/dps/${id}`, idempotent: true, agent: credentials.agent, signal });
    if (head.status === 404) return undefined;
    if (head.status !== 200) throw rejectionOfAnswer(head, `HEAD /dps/${id}`);
    const existing = await this.readByDps(id, credentials, signal);
    return existing === undefined ? undefined : this.issued(existing, request, dpsXml, credentials, signal);
  }

  /** Registers the cancellation event (e101101); one already registered (a repeat) is a success. */
  async cancel(request: CancelProviderRequest, signal: AbortSignal, credentials: CallCredentials = {}): Promise<CancelledOutcome> {
    const { chaveAcesso, reason } = request;
    if (chaveAcesso === undefined) throw new RejectedProviderError('NoChaveAcesso', `invoice ${request.invoiceId} has no national access key to cancel by event`);
    if (reason === undefined) throw new RejectedProviderError('NoReason', 'the national cancellation event requires a reason (xMotivo, 15 to 255 characters)');
    const unsigned = cancellationRequestXml({ chaveAcesso, author: request.companyCnpj, reasonCode: request.reasonCode, reason, at: brasiliaDateTime(this.now()), environment: this.options.municipality.environment });
    const signed = this.validated(this.signed(unsigned, credentials), this.options.validators.pedRegEvento, 'pedRegEvento');
    const path = `/nfse/${chaveAcesso}/eventos`;
    const answer = await this.options.client.send({ method: 'POST', path, body: { pedidoRegistroEventoXmlGZipB64: toGzipBase64(signed) }, idempotent: false, agent: credentials.agent, signal });
    if (answer.status === 200 || answer.status === 201) {
      const event = SefinEventResponseSchema.safeParse(jsonOf(answer));
      return { outcome: 'cancelled', cancelledAt: event.success ? this.processedAt(event.data.eventoXmlGZipB64) : this.now().toISOString() };
    }
    const registered = await this.registeredCancellation(chaveAcesso, credentials, signal);
    if (registered !== undefined) return { outcome: 'cancelled', cancelledAt: registered };
    throw rejectionOfAnswer(answer, 'the cancellation event');
  }

  /** When the cancellation event of this NFS-e was registered, or undefined when it has none. */
  private async registeredCancellation(chaveAcesso: string, credentials: CallCredentials, signal: AbortSignal): Promise<string | undefined> {
    const answer = await this.options.client.send({ method: 'GET', path: `/nfse/${chaveAcesso}/eventos/${NACIONAL_EVENT_TYPES.cancellation}`, idempotent: true, agent: credentials.agent, signal });
    if (answer.status === 404) return undefined;
    const list = SefinEventListResponseSchema.safeParse(jsonOf(answer));
    if (answer.status !== 200 || !list.success) return undefined;
    const [first] = list.data.eventos;
    return first === undefined ? undefined : this.processedAt(first.eventoXmlGZipB64);
  }

  /** The key of the NFS-e a DPS produced (`GET /dps/{Id}`) and that NFS-e (`GET /nfse/{chave}`); undefined when there is none. */
  private async readByDps(id: string, credentials: CallCredentials, signal: AbortSignal): Promise<NationalNfse | undefined> {
    const dps = await this.options.client.send({ method: 'GET', path: `/dps/${id}`, idempotent: true, agent: credentials.agent, signal });
    if (dps.status === 404) return undefined;
    const key = SefinDpsResponseSchema.safeParse(jsonOf(dps));
    if (dps.status !== 200) throw rejectionOfAnswer(dps, `GET /dps/${id}`);
    if (!key.success) throw new TransientProviderError('BAD_RESPONSE', `GET /dps/${id} answered without a readable chaveAcesso`);
    const nfse = await this.options.client.send({ method: 'GET', path: `/nfse/${key.data.chaveAcesso}`, idempotent: true, agent: credentials.agent, signal });
    if (nfse.status !== 200) throw nfse.status === 404 ? new TransientProviderError('NFSE_NOT_YET_READABLE', `DPS ${id} has NFS-e ${key.data.chaveAcesso}, which GET /nfse does not serve yet`) : rejectionOfAnswer(nfse, 'GET /nfse');
    const document = SefinNfseResponseSchema.safeParse(jsonOf(nfse));
    if (!document.success) throw new TransientProviderError('BAD_RESPONSE', `GET /nfse/${key.data.chaveAcesso} answered without a readable NFS-e`);
    return { chaveAcesso: key.data.chaveAcesso, nfseXml: this.unzip(document.data.nfseXmlGZipB64) };
  }

  /**
   * The outcome for an NFS-e the national system returned, once the DPS inside it is proven to be
   * ours (Id, série and number, prestador, municipalities, value) and its key is the one answered:
   * another company's or another DPS's note must never make our invoice ISSUED.
   */
  private async issued(nfse: NationalNfse, request: IssueProviderRequest, dpsXml: string, credentials: CallCredentials, signal: AbortSignal): Promise<IssuedOutcome> {
    const read = this.readNfse(nfse.nfseXml);
    const ours = readDpsIdentity(dpsXml);
    const differences = read.dps === undefined ? ['it does not carry the DPS (infNFSe/DPS) it was generated from'] : dpsMismatches(ours, read.dps);
    if (read.id !== `NFS${nfse.chaveAcesso}`) differences.push(`its Id is ${read.id || '(none)'}, expected NFS${nfse.chaveAcesso}`);
    if (!nfse.chaveAcesso.startsWith(ours.municipalityCode)) differences.push(`its key names municipality ${nfse.chaveAcesso.slice(0, 7)}, expected ${ours.municipalityCode}`);
    if (differences.length > 0) {
      throw new MismatchProviderError('NfseMismatch', `the national system answered with NFS-e ${read.nfseNumber || '(no number)'} (key ${nfse.chaveAcesso}), not the one for DPS ${ours.id}: ${differences.join('; ')}`);
    }
    const danfsePdf = await this.danfse(nfse.chaveAcesso, credentials, signal);
    return {
      outcome: 'issued',
      nfseNumber: read.nfseNumber,
      // The national NFS-e has no verification code of its own: the key's random numeric code (cNum) plays that part.
      verificationCode: nfse.chaveAcesso.slice(40, 49),
      issuedAt: toIsoUtc(read.processedAt),
      nfseXmlKey: request.invoice.nfseXmlKey,
      chaveAcesso: nfse.chaveAcesso,
      nfseXml: nfse.nfseXml,
      ...(danfsePdf === undefined ? {} : { danfsePdf, danfseKey: issuedDocumentKeys(request.invoiceId).danfseKey }),
    };
  }

  /** The DANFSe (PDF) of a fresh NFS-e; the invoice is ISSUED without it when the service fails (it can be fetched again later). */
  private async danfse(chaveAcesso: string, credentials: CallCredentials, signal: AbortSignal): Promise<Uint8Array | undefined> {
    const client = this.options.danfseClient ?? this.options.client;
    try {
      const answer = await client.send({ method: 'GET', path: `/danfse/${chaveAcesso}`, idempotent: true, agent: credentials.agent, signal });
      if (answer.status === 200 && answer.body.subarray(0, 5).toString('latin1') === '%PDF-') return answer.body;
      this.options.onDanfseUnavailable?.(chaveAcesso, new Error(`GET /danfse answered HTTP ${answer.status} (${answer.contentType || 'no type'})`));
    } catch (error) {
      if (signal.aborted) throw error;
      this.options.onDanfseUnavailable?.(chaveAcesso, error);
    }
    return undefined;
  }

  private readNfse(nfseXml: string): { readonly id: string; readonly nfseNumber: string; readonly processedAt: string; readonly dps: ReturnType<typeof dpsIdentityOf> | undefined } {
    try {
      return readXml(nfseXml, (root) => {
        const inf = root.name === 'infNFSe' ? root : root.find('infNFSe');
        if (inf === undefined) throw new TransientProviderError('BAD_RESPONSE', 'the NFS-e XML has no infNFSe');
        const dps = inf.child('DPS', 'infDPS');
        return { id: inf.attr('Id') ?? '', nfseNumber: inf.text('nNFSe') ?? '', processedAt: inf.text('dhProc') ?? '', dps: dps === undefined ? undefined : dpsIdentityOf(dps) };
      });
    } catch (error) {
      if (error instanceof XmlReadError) throw new TransientProviderError('BAD_RESPONSE', 'the NFS-e XML is not well-formed', { cause: error });
      throw error;
    }
  }

  /** `dhProc` of an event (gzip + base64), as an ISO UTC instant; now when it cannot be read. */
  private processedAt(eventoXmlGZipB64: string): string {
    try {
      const at = readXml(fromGzipBase64(eventoXmlGZipB64), (root) => root.find('infEvento')?.text('dhProc'));
      if (at !== undefined) return toIsoUtc(at);
    } catch {
      // An unreadable event still registered the cancellation: its time is ours.
    }
    return this.now().toISOString();
  }

  /**
   * `xml` with the elements the city's `signing` names signed by the company's certificate (what
   * is signed already with it is kept as it is: the worker signed and stored the DPS). A city that
   * signs needs the certificate: none is Provider.CertificateMissing (the worker checks first).
   */
  private signed(xml: string, credentials: CallCredentials): string {
    const { signing } = this.options.municipality;
    if (signing.elements.length === 0) return xml;
    const company: CompanyCredentials | undefined = credentials.company;
    if (company === undefined) throw new CertificateMissingProviderError('CertificateNotFound', `municipality ${this.options.municipality.code} signs its documents, and no certificate was given for the call`);
    return signElements(xml, signing.elements, company.signer(signing.algorithm));
  }

  /** Refuses (Provider.Rejected `XSD`) a document the layout would refuse, naming where, never quoting values (LGPD). */
  private validated(xml: string, validator: SchemaValidator, what: string): string {
    const result = validator.validate(xml);
    if (!result.valid) throw new RejectedProviderError('XSD', `the ${what} does not match the NFS-e Nacional 1.01 XSD: ${result.errors[0]?.message ?? 'invalid'}`);
    return xml;
  }

  private dpsIdOf(dpsXml: string): string {
    const id = elementId(dpsXml, 'infDPS');
    if (id === undefined) throw new RejectedProviderError('XSD', 'the DPS has no infDPS Id');
    return id;
  }

  private unzip(encoded: string): string {
    try {
      return fromGzipBase64(encoded);
    } catch (error) {
      throw new TransientProviderError('BAD_RESPONSE', 'the NFS-e is not gzip in base64', { cause: error });
    }
  }
}
