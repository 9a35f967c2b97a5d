import forge from 'node-forge';
import type { MunicipalityConfig, SignedElement } from '../../contracts/municipality';
import { cnpjOfCertificate } from '../../lib/certificates/cnpjOfCertificate';
import { verifyXmlSignature, type SignatureProblem, type SignatureVerdict } from '../../adapter-container/xml/verifyXmlSignature';
import type { MockMessage } from './mockResponses';
import type { MockRequest } from './parseMockRequests';

/**
 * The code a city answers for a signature it does not accept. ABRASF 2.x systems answer E172
 * "Arquivo enviado com erro na assinatura." (the ABRASF 2.0 message table as Goiânia's system
 * documents it: https://github.com/nfephp-org/sped-nfse-amtec README, "Código: E172"), and the
 * national system answers the same words (E0714) as well for a signature made with a certificate
 * of another CNPJ. One code, then, with what was wrong in `Mensagem`, as real cities do.
 */
export const SIGNATURE_ERROR_CODE = 'E172';
const SIGNATURE_ERROR = 'Arquivo enviado com erro na assinatura';

/** What went wrong with a signature that is there, as a city says it (the message has 200 characters). */
const PROBLEMS: Record<Exclude<SignatureProblem, 'missing'>, string> = {
  invalid: 'não confere com o conteúdo assinado',
  untrusted: 'feita com certificado não emitido por AC confiável',
  expired: 'feita com certificado fora da validade',
};

/** The Ids of every element named `element` in `xml`. */
function idsOf(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<(?:\\w+:)?${element}\\b[^>]*\\sId="([^"]+)"`, 'g'))].map((match) => match[1] ?? '');
}

/** What is signed in each request, and by whom (the prestador's CNPJ). */
function signedParts(request: MockRequest): Array<{ readonly element: SignedElement; readonly cnpj: string }> {
  switch (request.operation) {
    case 'GerarNfse':
      return [{ element: 'InfDeclaracaoPrestacaoServico', cnpj: request.rps.cnpj }];
    case 'RecepcionarLoteRps':
      return [...request.rps.map((rps) => ({ element: 'InfDeclaracaoPrestacaoServico' as const, cnpj: rps.cnpj })), { element: 'LoteRps', cnpj: request.cnpj }];
    case 'CancelarNfse':
      return [{ element: 'InfPedidoCancelamento', cnpj: request.cnpj }];
    case 'SubstituirNfse':
      return [
        { element: 'InfDeclaracaoPrestacaoServico', cnpj: request.rps.cnpj },
        { element: 'InfPedidoCancelamento', cnpj: request.replaced.cnpj },
        { element: 'SubstituicaoNfse', cnpj: request.replaced.cnpj },
      ];
    case 'ConsultarLoteRps':
    case 'ConsultarNfsePorRps':
      return [];
  }
}

/** Options of {@link SignatureCheck}. */
export interface SignatureCheckOptions {
  /** The cities, with what each requires signed (`signing.elements`): the registry's own data. */
  readonly municipalities: readonly Pick<MunicipalityConfig, 'code' | 'signing'>[];
  /** The CAs a signing certificate must come from (the local test CA). */
  readonly trustedCaPems: readonly string[];
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/**
 * The mock city's signature check, as a real ABRASF city does it for the municipalities whose
 * registry entry requires signatures: each element the city requires signed (the RPS, the lot,
 * the cancellation request, the substitution request) carries an enveloped XML-DSig signature over its `Id` that verifies,
 * by a certificate from a trusted CA, within its validity, issued to the prestador's CNPJ.
 * Anything else is answered with a `ListaMensagemRetorno` (E172) and the reason.
 */
export class SignatureCheck {
  private readonly required = new Map<string, readonly SignedElement[]>();
  private readonly cnpjByCertificate = new Map<string, string | undefined>();
  private readonly now: () => Date;

  constructor(private readonly options: SignatureCheckOptions) {
    for (const city of options.municipalities) if (city.signing.elements.length > 0) this.required.set(city.code, city.signing.elements);
    this.now = options.now ?? (() => new Date());
  }

  /** Whether `city` checks signatures at all. */
  requiresSignatures(city: string): boolean {
    return this.required.has(city);
  }

  /** The message refusing the request's signatures, or undefined when they are what the city requires. */
  problem(city: string, request: MockRequest, dadosXml: string): MockMessage | undefined {
    const elements = this.required.get(city);
    if (elements === undefined) return undefined;
    for (const part of signedParts(request)) {
      if (!elements.includes(part.element)) continue;
      for (const id of idsOf(dadosXml, part.element)) {
        const verdict = verifyXmlSignature(dadosXml, { signedElementId: id, trustedCaPems: this.options.trustedCaPems, now: this.now() });
        const refusal = this.refusal(verdict, part.element, id, part.cnpj);
        if (refusal !== undefined) return refusal;
      }
    }
    return undefined;
  }

  private refusal(verdict: SignatureVerdict, element: SignedElement, id: string, prestador: string): MockMessage | undefined {
    if (!verdict.valid) {
      const what = verdict.problem === 'missing' ? `${element} (Id ${id}) não está assinado` : `assinatura de ${element} (Id ${id}) ${PROBLEMS[verdict.problem]}`;
      return { code: SIGNATURE_ERROR_CODE, message: `${SIGNATURE_ERROR}: ${what}.`, correction: `Assine ${element} com o certificado A1 do prestador (XMLDSig envelopada, Reference URI="#${id}").` };
    }
    const signer = this.cnpjOf(verdict.certificate.toString());
    if (signer !== prestador) {
      return {
        code: SIGNATURE_ERROR_CODE,
        message: `${SIGNATURE_ERROR}: o certificado é do CNPJ ${signer ?? '(nenhum)'}, não do prestador ${prestador}.`,
        correction: 'A assinatura deve ser feita com o certificado digital do prestador.',
      };
    }
    return undefined;
  }

  private cnpjOf(certificatePem: string): string | undefined {
    if (!this.cnpjByCertificate.has(certificatePem)) this.cnpjByCertificate.set(certificatePem, cnpjOfCertificate(forge.pki.certificateFromPem(certificatePem)));
    return this.cnpjByCertificate.get(certificatePem);
  }
}
