import { Agent } from 'node:https';
import { elementId } from '../../xml/XmlSigner';
import { XmlDsigSigner } from '../../xml/XmlDsigSigner';
import type { CompanyCredentials } from './CompanyCredentials';

/** A certificate and its key, as PEM. */
export interface PemCertificate {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

/** Options of {@link pemCredentials}. */
export interface PemCredentialsOptions {
  /**
   * Reuse the TLS connection between calls. A source that builds credentials per call gives an
   * agent no second call to reuse it for, so it closes it at once. @default false
   */
  readonly keepAlive?: boolean;
}

/** Credentials from a key and certificate in memory: the signer and a mutual-TLS agent presenting them. */
export function pemCredentials(certificate: PemCertificate, options: PemCredentialsOptions = {}): CompanyCredentials {
  const signers = new Map<string, XmlDsigSigner>();
  return {
    sign(xml, element, algorithm) {
      const id = elementId(xml, element);
      if (id === undefined) throw new Error(`cannot sign: the document has no ${element} with an Id`);
      let signer = signers.get(algorithm);
      if (signer === undefined) {
        signer = new XmlDsigSigner({ ...certificate, algorithm });
        signers.set(algorithm, signer);
      }
      return signer.signNow(xml, id);
    },
    agent: new Agent({ key: certificate.privateKeyPem, cert: certificate.certificatePem, keepAlive: options.keepAlive ?? false }),
  };
}
