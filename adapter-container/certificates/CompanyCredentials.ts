import type { SignatureAlgorithm } from '../../contracts/municipality';
import type { A1Certificate } from '../../lib/certificates/readPkcs12';
import { XmlDsigSigner } from '../xml/XmlDsigSigner';

/**
 * A company's A1 certificate, opened, as the adapter holds it between calls: what signs its
 * documents and what its mutual TLS connections present. It lives only in the adapter's memory:
 * never logged (its fields are not enumerable, so a logger or `JSON.stringify` given it by
 * mistake prints no key), never in a message, an execution or a city's answer.
 */
export class CompanyCredentials {
  /** The key and certificates; hidden from enumeration (see the class comment). */
  declare readonly certificate: A1Certificate;
  private declare readonly signers: Map<SignatureAlgorithm, XmlDsigSigner>;

  constructor(
    /** The company's CNPJ (the certificate's, checked). */
    readonly cnpj: string,
    certificate: A1Certificate,
  ) {
    Object.defineProperty(this, 'certificate', { value: certificate, enumerable: false });
    Object.defineProperty(this, 'signers', { value: new Map(), enumerable: false });
  }

  /** SHA-256 of the end certificate: a replaced certificate has another, and its TLS agents are replaced. */
  get fingerprint(): string {
    return this.certificate.metadata.fingerprintSha256;
  }

  /** The XML-DSig signer with this certificate and `algorithm` (one per algorithm, reused). */
  signer(algorithm: SignatureAlgorithm): XmlDsigSigner {
    let signer = this.signers.get(algorithm);
    if (signer === undefined) {
      signer = new XmlDsigSigner({ privateKeyPem: this.certificate.privateKeyPem, certificatePem: this.certificate.certificatePem, algorithm });
      this.signers.set(algorithm, signer);
    }
    return signer;
  }

  /** What a log line may say about it. */
  toJSON(): { readonly cnpj: string; readonly fingerprintSha256: string; readonly serialNumber: string; readonly notAfter: string } {
    const { metadata } = this.certificate;
    return { cnpj: this.cnpj, fingerprintSha256: metadata.fingerprintSha256, serialNumber: metadata.serialNumber, notAfter: metadata.notAfter };
  }
}
