import { createHash } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateMetadata } from '../../contracts/certificate';
import { CertificateError } from './CertificateError';
import { cnpjOfCertificate } from './cnpjOfCertificate';

/** An A1 certificate opened: the key and certificates as PEM, and what it says about itself. */
export interface A1Certificate {
  /** The private key (PKCS#8 PEM). Never log it, never return it from an API. */
  readonly privateKeyPem: string;
  /** The end certificate: the one whose public key matches the private key. */
  readonly certificatePem: string;
  /** The other certificates of the file (intermediate CAs), in the order found. */
  readonly chainPem: readonly string[];
  readonly metadata: CertificateMetadata;
}

const BAG = forge.pki.oids;

function bagsOf(p12: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag[] {
  return p12.getBags({ bagType })[bagType] ?? [];
}

function distinguishedName(attributes: readonly forge.pki.CertificateField[]): string {
  return attributes.map((field) => `${field.shortName ?? field.name ?? field.type ?? '?'}=${String(field.value)}`).join(', ');
}

function derOf(certificate: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
}

/** Whether the RSA certificate's public key is the one of this private key. */
function matches(certificate: forge.pki.Certificate, key: forge.pki.rsa.PrivateKey): boolean {
  const publicKey = certificate.publicKey as Partial<forge.pki.rsa.PublicKey>;
  return publicKey.n !== undefined && publicKey.e !== undefined && publicKey.n.equals(key.n) && publicKey.e.equals(key.e);
}

/** What a certificate says about itself (no key material). */
export function metadataOf(certificate: forge.pki.Certificate): CertificateMetadata {
  const cnpj = cnpjOfCertificate(certificate);
  return {
    subject: distinguishedName(certificate.subject.attributes),
    issuer: distinguishedName(certificate.issuer.attributes),
    serialNumber: certificate.serialNumber.toUpperCase(),
    notBefore: certificate.validity.notBefore.toISOString(),
    notAfter: certificate.validity.notAfter.toISOString(),
    ...(cnpj === undefined ? {} : { cnpj }),
    fingerprintSha256: createHash('sha256').update(derOf(certificate)).digest('hex'),
  };
}

/**
 * Opens a PKCS#12 (`.pfx`/`.p12`) file with its password: the RSA private key, the certificate
 * it belongs to, the rest of the chain. Throws a {@link CertificateError} naming what is wrong
 * (not PKCS#12, wrong password, no key, no matching certificate) — never with key material.
 */
export function readPkcs12(pfx: Buffer, password: string): A1Certificate {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(pfx.toString('binary')));
  } catch {
    throw new CertificateError('NotPkcs12', 'the file is not a PKCS#12 (.pfx) certificate');
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, true, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/MAC could not be verified|Invalid password|decrypt/i.test(message)) throw new CertificateError('WrongPassword', 'the password does not open this certificate');
    throw new CertificateError('NotPkcs12', 'the file is not a PKCS#12 (.pfx) certificate this reader understands');
  }
  const keyBags = [...bagsOf(p12, BAG.pkcs8ShroudedKeyBag ?? ''), ...bagsOf(p12, BAG.keyBag ?? '')];
  if (keyBags.length === 0) throw new CertificateError('NoPrivateKey', 'the file holds no private key (an A1 certificate must carry its key; export it with the key)');
  // node-forge leaves `key` null for a key type it cannot read (EC, Ed25519).
  const key = keyBags.map((bag) => bag.key).find((candidate): candidate is forge.pki.rsa.PrivateKey => candidate !== undefined && candidate !== null);
  if (key === undefined) throw new CertificateError('UnsupportedKey', 'the private key is not RSA (ICP-Brasil A1 certificates are RSA)');
  const certificates = bagsOf(p12, BAG.certBag ?? '').map((bag) => bag.cert).filter((cert): cert is forge.pki.Certificate => cert !== undefined && cert !== null);
  const end = certificates.find((certificate) => matches(certificate, key));
  if (end === undefined) throw new CertificateError('KeyMismatch', certificates.length === 0 ? 'the file holds no certificate' : 'no certificate in the file matches its private key');
  return {
    privateKeyPem: forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))),
    certificatePem: forge.pki.certificateToPem(end),
    chainPem: certificates.filter((certificate) => certificate !== end).map((certificate) => forge.pki.certificateToPem(certificate)),
    metadata: metadataOf(end),
  };
}
