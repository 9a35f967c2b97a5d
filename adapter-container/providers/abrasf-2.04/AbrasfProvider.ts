import type { Rps } from '../../../contracts/invoiceRecord';
import type { CitySigning } from '../../../contracts/municipality';
import type { AcceptedResult, IssuedResult, ProviderResult } from '../../../contracts/providerResult';
import {
  cabecalhoXml,
  cancelarNfseEnvioXml,
  consultarLoteRpsEnvioXml,
  consultarNfseRpsEnvioXml,
  enviarLoteRpsEnvioXml,
  gerarNfseEnvioXml,
  substituirNfseEnvioXml,
} from '../../xml/abrasfMessages';
import type { SchemaValidator } from '../../xml/SchemaValidator';
import { initXmlReader } from '../../xml/XmlReader';
import { AbrasfSoapTransport } from './AbrasfSoapTransport';
import type { AbrasfOperation } from './abrasfWsdl';
import {
  parseCancelarNfseResposta,
  parseConsultarLoteRpsResposta,
  parseConsultarNfseRpsResposta,
  parseEnviarLoteRpsResposta,
  parseGerarNfseResposta,
  parseSubstituirNfseResposta,
  SITUACAO_LOTE,
  type CityNfse,
} from './abrasfResponses';
import { DEFAULT_CITY_CODES, type CityCodes } from './cityCodes';
import { fieldMismatches, sameDecimal } from '../fieldMismatches';
import { CertificateMissingProviderError, MismatchProviderError, rejectionOf, RejectedProviderError, TransientProviderError, type CityMessage } from '../errors';
import type { CallCredentials } from '../Provider';
import { identityMismatches, readRpsIdentity } from './rpsIdentity';
import { toIsoUtc } from './toIsoUtc';
import { signElements } from '../../xml/signElements';

export type CancelledResult = Extract<ProviderResult, { outcome: 'cancelled' }>;

/** An issued NFS-e: the result for SendTaskSuccess and the city's CompNfse XML to store at nfseXmlKey. */
export interface IssuedOutcome {
  readonly result: IssuedResult;
  readonly nfseXml: string;
}

/** An asynchronous city took the batch. */
export interface AcceptedOutcome {
  readonly result: AcceptedResult;
}

/** How a city processes RPS: GerarNfse at once, or RecepcionarLoteRps then ConsultarLoteRps. */
export type AbrasfMode = 'sync' | 'async';

/** Options of a provider client for one city endpoint. */
export interface AbrasfProviderOptions {
  /** The city's SOAP endpoint. */
  readonly endpoint: string;
  /** @default 'sync' */
  readonly mode?: AbrasfMode;
  /** HTTP timeout of one call, ms (kept below the queue's visibility timeout). @default 30000 */
  readonly timeoutMs?: number;
  /** The most bytes a city's answer may have; past it the connection is dropped (Provider.Transient `RESPONSE_TOO_LARGE`). @default 5 MiB */
  readonly maxResponseBytes?: number;
  /** Namespace of the SOAP wrapper elements. @default the ABRASF data namespace */
  readonly soapNamespace?: string;
  /**
   * What the city requires signed (the RPS, the lot, the cancellation request) and with which
   * algorithm: each call then needs the company's certificate (`CallCredentials.company`).
   * @default nothing signed
   */
  readonly signing?: CitySigning;
  /** When given, every nfseDadosMsg is validated before it is sent; invalid → Provider.Rejected `XSD`. @default no validation */
  readonly validator?: SchemaValidator;
  /** The city's special message codes. @default DEFAULT_CITY_CODES */
  readonly codes?: Partial<CityCodes>;
  /** The clock (receivedAt of an async consult still pending, cancelledAt of a repeat). @default () => new Date() */
  readonly now?: () => Date;
  /**
   * The IBGE code of the municipality whose system `endpoint` is: an NFS-e whose `OrgaoGerador`
   * names another is refused (Provider.Mismatch). @default not checked
   */
  readonly municipalityCode?: string;
}

/** Who and what an emission is about. */
export interface EmitInput {
  readonly companyCnpj: string;
  readonly rps: Rps;
  /** The RPS built at emission (`buildRpsXml`), as stored at xmlKey. */
  readonly rpsXml: string;
  /** Where the adapter stores the NFS-e: echoed in the IssuedResult. */
  readonly nfseXmlKey: string;
  /**
   * NumeroLote of the batch (async cities). Deterministic so a resend is the same batch.
   * @default rps.numero (unique per prestador while it uses one RPS series)
   */
  readonly numeroLote?: number;
}

/** What a batch consult needs. */
export interface ConsultInput {
  readonly companyCnpj: string;
  readonly protocol: string;
  /** The RPS the batch carried: the NFS-e must answer it. */
  readonly rpsXml: string;
  readonly nfseXmlKey: string;
}

/** What a consult by RPS needs. */
export interface ConsultByRpsInput {
  readonly companyCnpj: string;
  readonly rps: Rps;
  /** The RPS as we built it: the NFS-e found must answer it. */
  readonly rpsXml: string;
  readonly nfseXmlKey: string;
  /**
   * The number of the NFS-e the RPS was sent to replace (a substitution): an NFS-e found that
   * names another one as replaced (`NfseSubstituida`) is not ours. @default not checked
   */
  readonly replaces?: string;
}

/** The NFS-e a substitution replaces, and why (its cancellation `Pedido`). */
export interface ReplacedNfse {
  readonly nfseNumber: string;
  /** The city's cancellation code (ABRASF 1..5), as its registry entry takes it. */
  readonly reasonCode: number;
  /** The municipality that issued it (`IdentificacaoNfse/CodigoMunicipio`). */
  readonly municipalityCode: string;
}

/** What a substitution needs: the replacement RPS, as an emission sends it, and the NFS-e it replaces. */
export interface SubstituteInput extends EmitInput {
  readonly replaced: ReplacedNfse;
}

/** What a cancellation needs. */
export interface CancelInput {
  readonly companyCnpj: string;
  readonly municipalityCode: string;
  readonly nfseNumber: string;
  /** ABRASF cancellation code 1..5. */
  readonly reasonCode: number;
}

function hasCode(messages: readonly CityMessage[], codes: readonly string[]): boolean {
  return messages.some((message) => codes.includes(message.code));
}

/**
 * An ABRASF 2.04 city: issues (sync or async), consults and cancels NFS-e over SOAP and maps
 * every outcome to a ProviderResult or a ProviderError of the taxonomy.
 */
export class AbrasfProvider {
  private readonly mode: AbrasfMode;
  private readonly signing: CitySigning;
  private readonly codes: CityCodes;
  private readonly now: () => Date;

  private constructor(
    private readonly transport: AbrasfSoapTransport,
    private readonly options: AbrasfProviderOptions,
  ) {
    this.mode = options.mode ?? 'sync';
    this.signing = options.signing ?? { algorithm: 'rsa-sha256', elements: [] };
    this.codes = { ...DEFAULT_CITY_CODES, ...options.codes };
    this.now = options.now ?? (() => new Date());
  }

  /** Creates the client once per endpoint (the WSDL is parsed here, not per call). */
  static async create(options: AbrasfProviderOptions): Promise<AbrasfProvider> {
    await initXmlReader();
    const transport = await AbrasfSoapTransport.create({ endpoint: options.endpoint, soapNamespace: options.soapNamespace, timeoutMs: options.timeoutMs, maxResponseBytes: options.maxResponseBytes });
    return new AbrasfProvider(transport, options);
  }

  /** The endpoint this client calls. */
  get endpoint(): string {
    return this.transport.endpoint;
  }

  /**
   * Issues the NFS-e for this RPS: `GerarNfse` (sync cities) or `RecepcionarLoteRps` (async:
   * `accepted` with the protocol). "RPS já informado" is answered by consulting the RPS and
   * returning the NFS-e already issued, so a resend never fails an invoice the city issued.
   * `signal` (every method takes one) aborts the HTTP request when the caller gives up on it.
   */
  async emit(input: EmitInput, signal?: AbortSignal, credentials?: CallCredentials): Promise<IssuedOutcome | AcceptedOutcome> {
    // The worker hands the RPS signed as it stored it (then this is a check); a caller that did not gets it signed here.
    const rpsXml = this.signed(input.rpsXml, credentials);
    if (this.mode === 'sync') {
      const answer = parseGerarNfseResposta(await this.call('GerarNfse', gerarNfseEnvioXml(rpsXml), false, signal, credentials));
      if (answer.kind === 'nfse') return this.issued(answer.nfse, input);
      return this.alreadyInformedOrReject(answer.messages, input, signal, credentials);
    }
    const lote = this.signed(enviarLoteRpsEnvioXml(rpsXml, { numeroLote: input.numeroLote ?? input.rps.numero, cnpj: input.companyCnpj }), credentials);
    const answer = parseEnviarLoteRpsResposta(await this.call('RecepcionarLoteRps', lote, false, signal, credentials));
    if (answer.kind === 'received') return { result: { outcome: 'accepted', protocol: answer.protocol, receivedAt: toIsoUtc(answer.receivedAt) } };
    return this.alreadyInformedOrReject(answer.messages, input, signal, credentials);
  }

  /**
   * `xml` with the elements the city requires signed (`signing.elements`) that it holds signed
   * with the company's certificate; as it is when the city requires none. A city that requires
   * a signature without the company's certificate at hand: Provider.CertificateMissing.
   */
  private signed(xml: string, credentials: CallCredentials | undefined): string {
    if (this.signing.elements.length === 0) return xml;
    const company = credentials?.company;
    if (company === undefined) throw new CertificateMissingProviderError('CertificateRequired', `the city at ${this.endpoint} requires ${this.signing.elements.join(', ')} signed: the call needs the company's A1 certificate`);
    return signElements(xml, this.signing.elements, company.signer(this.signing.algorithm));
  }

  /**
   * How the batch with this protocol went: `issued`, or `accepted` again while the city has not
   * processed it; Provider.Rejected when it was processed with errors.
   */
  async consult(input: ConsultInput, signal?: AbortSignal, credentials?: CallCredentials): Promise<IssuedOutcome | AcceptedOutcome> {
    const status = parseConsultarLoteRpsResposta(await this.call('ConsultarLoteRps', consultarLoteRpsEnvioXml(input.companyCnpj, input.protocol), true, signal, credentials));
    if (status.nfse !== undefined) return this.issued(status.nfse, input, input.protocol);
    const pending =
      status.situacao === SITUACAO_LOTE.naoRecebido ||
      status.situacao === SITUACAO_LOTE.naoProcessado ||
      (status.situacao === undefined && hasCode(status.messages, this.codes.batchNotYetProcessed));
    if (pending) return { result: { outcome: 'accepted', protocol: input.protocol, receivedAt: this.now().toISOString() } };
    if (status.messages.length > 0) throw rejectionOf(status.messages);
    throw new TransientProviderError('BAD_RESPONSE', `ConsultarLoteRps answered situacao ${status.situacao ?? 'none'} without NFS-e or messages`);
  }

  /** The NFS-e the city issued for this RPS, or undefined when it has none. */
  async consultByRps(input: ConsultByRpsInput, signal?: AbortSignal, credentials?: CallCredentials): Promise<IssuedOutcome | undefined> {
    const answer = parseConsultarNfseRpsResposta(await this.call('ConsultarNfsePorRps', consultarNfseRpsEnvioXml(input.rps, input.companyCnpj), true, signal, credentials));
    return answer.kind === 'nfse' ? this.issued(answer.nfse, input) : undefined;
  }

  /**
   * Replaces an NFS-e by the one this RPS issues (`SubstituirNfse`, answered at once even where
   * the city takes emissions in lots): the old one's cancellation `Pedido` and the RPS in one
   * request, signed as the city's `signing` says. The answer is accepted only when the NFS-e it
   * replaced is the one named and the new one answers our RPS. "RPS já informado" or "NFS-e já
   * cancelada" (a resend after a lost answer: the city substituted already) is answered by
   * consulting the RPS: the NFS-e it issued, when it replaced this one, is the outcome.
   */
  async substitute(input: SubstituteInput, signal?: AbortSignal, credentials?: CallCredentials): Promise<IssuedOutcome> {
    const { replaced } = input;
    const envio = substituirNfseEnvioXml(input.rpsXml, { nfseNumber: replaced.nfseNumber, cnpj: input.companyCnpj, municipalityCode: replaced.municipalityCode, reasonCode: replaced.reasonCode });
    const answer = parseSubstituirNfseResposta(await this.call('SubstituirNfse', this.signed(envio, credentials), false, signal, credentials));
    if (answer.kind === 'substituted') {
      const wrongOne = fieldMismatches([{ label: 'NfseSubstituida', expected: replaced.nfseNumber, actual: answer.replaced.nfseNumber, same: sameDecimal }]);
      if (wrongOne.length > 0) throw new MismatchProviderError('NfseMismatch', `the city answered the substitution of NFS-e ${replaced.nfseNumber} with the replacement of another one: ${wrongOne.join('; ')}`);
      return this.issued(answer.replacing, { ...input, replaces: replaced.nfseNumber });
    }
    if (hasCode(answer.messages, [...this.codes.rpsAlreadyInformed, ...this.codes.alreadyCancelled])) {
      const existing = await this.consultByRps({ companyCnpj: input.companyCnpj, rps: input.rps, rpsXml: input.rpsXml, nfseXmlKey: input.nfseXmlKey, replaces: replaced.nfseNumber }, signal, credentials);
      if (existing !== undefined) return existing;
    }
    throw rejectionOf(answer.messages);
  }

  /** Cancels the NFS-e; a repeated cancellation ("já cancelada") is a success too. */
  async cancel(input: CancelInput, signal?: AbortSignal, credentials?: CallCredentials): Promise<CancelledResult> {
    const pedido = cancelarNfseEnvioXml({ nfseNumber: input.nfseNumber, cnpj: input.companyCnpj, municipalityCode: input.municipalityCode, reasonCode: input.reasonCode });
    const answer = parseCancelarNfseResposta(await this.call('CancelarNfse', this.signed(pedido, credentials), false, signal, credentials));
    if (answer.kind === 'cancelled') return { outcome: 'cancelled', cancelledAt: toIsoUtc(answer.cancelledAt) };
    if (hasCode(answer.messages, this.codes.alreadyCancelled)) return { outcome: 'cancelled', cancelledAt: this.now().toISOString() };
    throw rejectionOf(answer.messages);
  }

  private async alreadyInformedOrReject(messages: readonly CityMessage[], input: EmitInput, signal: AbortSignal | undefined, credentials: CallCredentials | undefined): Promise<IssuedOutcome> {
    if (hasCode(messages, this.codes.rpsAlreadyInformed)) {
      const existing = await this.consultByRps({ companyCnpj: input.companyCnpj, rps: input.rps, rpsXml: input.rpsXml, nfseXmlKey: input.nfseXmlKey }, signal, credentials);
      if (existing !== undefined) return existing;
    }
    throw rejectionOf(messages);
  }

  /**
   * The outcome for an NFS-e the city returned, once it is proven to answer our RPS: the same RPS
   * identification, prestador, municipality and value (and issued by this city). A city that
   * answers with another RPS's NFS-e — a shared RPS index, a mixed-up consult — must never make
   * our invoice ISSUED with someone else's note. For a substitution (`ours.replaces`), an NFS-e
   * that says it replaced another one is not ours either.
   */
  private issued(nfse: CityNfse, ours: { readonly rpsXml: string; readonly nfseXmlKey: string; readonly replaces?: string | undefined }, protocol?: string): IssuedOutcome {
    const differences = nfse.declaration === undefined ? ['it does not carry the declaration (DeclaracaoPrestacaoServico) it answers'] : identityMismatches(readRpsIdentity(ours.rpsXml), nfse.declaration);
    // A city may leave NfseSubstituida out of a consult's answer; when it states one, it must be the NFS-e we replaced.
    if (ours.replaces !== undefined && nfse.replaces !== undefined) differences.push(...fieldMismatches([{ label: 'NfseSubstituida', expected: ours.replaces, actual: nfse.replaces, same: sameDecimal }]));
    const city = this.options.municipalityCode;
    if (city !== undefined && nfse.issuedBy !== undefined && nfse.issuedBy !== city) differences.push(`OrgaoGerador ${nfse.issuedBy}, expected ${city}`);
    if (differences.length > 0) {
      throw new MismatchProviderError('NfseMismatch', `the city answered with NFS-e ${nfse.nfseNumber} (verification ${nfse.verificationCode}), not the one for this RPS: ${differences.join('; ')}`);
    }
    const { nfseXmlKey } = ours;
    const result: IssuedResult = {
      outcome: 'issued',
      nfseNumber: nfse.nfseNumber,
      verificationCode: nfse.verificationCode,
      issuedAt: toIsoUtc(nfse.issuedAt),
      nfseXmlKey,
      ...(protocol === undefined ? {} : { protocol }),
    };
    return { result, nfseXml: nfse.compNfseXml };
  }

  private call(operation: AbrasfOperation, dadosXml: string, idempotent: boolean, signal: AbortSignal | undefined, credentials: CallCredentials | undefined): Promise<string> {
    const validation = this.options.validator?.validate(dadosXml);
    if (validation !== undefined && !validation.valid) {
      const first = validation.errors[0];
      return Promise.reject(new RejectedProviderError('XSD', `the ${operation} request does not match the ABRASF 2.04 XSD: ${first?.message ?? 'invalid'}`));
    }
    return this.transport.call(operation, cabecalhoXml(), dadosXml, idempotent, signal, credentials?.agent);
  }
}
