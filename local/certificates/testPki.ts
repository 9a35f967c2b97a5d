import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { ICP_BRASIL_CNPJ_OID } from '../../lib/certificates/cnpjOfCertificate';

/** A key pair and its certificate, as PEM. */
export interface IssuedCertificate {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

/** The local test certificate authority (stands in for an ICP-Brasil CA and for a city's TLS CA). */
export interface TestCa extends IssuedCertificate {
  readonly name: string;
}

/** What an A1-like certificate is issued for. */
export interface A1Subject {
  readonly cnpj: string;
  readonly razaoSocial: string;
  /** @default now − 1 day */
  readonly notBefore?: Date;
  /** @default notBefore + 1 year */
  readonly notAfter?: Date;
  /** Put the CNPJ in the ICP-Brasil otherName (2.16.76.1.3.3). @default true */
  readonly otherName?: boolean;
  /**
   * Certify this key (PKCS#8 PEM) instead of a new one: RSA key generation is what a test PKI
   * spends its time on, and a run of tests needs many certificates, not many keys. @default a new key pair
   */
  readonly privateKeyPem?: string;
}

const DAY_MS = 86_400_000;

/** A new RSA-2048 key pair (PKCS#8 PEM). Node's native keygen takes ~0.1 s where node-forge's pure JS takes seconds. */
export function newRsaKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function rsaKeys(existingPem?: string): { key: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const pem = existingPem ?? newRsaKeyPem();
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem };
}

function serial(): string {
  // Positive (high bit clear), 16 bytes, as CAs issue them.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

/** subjectAltName with the ICP-Brasil otherName carrying the CNPJ, as e-CNPJ certificates have it. */
function icpBrasilAltName(cnpj: string): string {
  const { asn1 } = forge;
  const otherName = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(ICP_BRASIL_CNPJ_OID).getBytes()),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, cnpj)]),
  ]);
  return asn1.toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [otherName])).getBytes();
}

function issue(options: {
  readonly subject: forge.pki.CertificateField[];
  readonly issuer: { readonly key: forge.pki.rsa.PrivateKey; readonly subject: forge.pki.CertificateField[] } | 'self';
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: object[];
  readonly privateKeyPem?: string;
}): IssuedCertificate & { readonly key: forge.pki.rsa.PrivateKey } {
  const keys = rsaKeys(options.privateKeyPem);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = serial();
  certificate.validity.notBefore = options.notBefore;
  certificate.validity.notAfter = options.notAfter;
  certificate.setSubject(options.subject);
  certificate.setIssuer(options.issuer === 'self' ? options.subject : options.issuer.subject);
  certificate.setExtensions([...options.extensions, { name: 'subjectKeyIdentifier' }]);
  certificate.sign(options.issuer === 'self' ? keys.key : options.issuer.key, forge.md.sha256.create());
  return { key: keys.key, privateKeyPem: keys.pem, certificatePem: forge.pki.certificateToPem(certificate) };
}

function subjectOf(ca: TestCa): forge.pki.CertificateField[] {
  return forge.pki.certificateFromPem(ca.certificatePem).subject.attributes;
}

function issuerOf(ca: TestCa): { key: forge.pki.rsa.PrivateKey; subject: forge.pki.CertificateField[] } {
  return { key: forge.pki.privateKeyFromPem(ca.privateKeyPem) as forge.pki.rsa.PrivateKey, subject: subjectOf(ca) };
}

/** A self-signed CA valid ten years from yesterday. */
export function createTestCa(name = 'nfse-flow local test CA', now = new Date()): TestCa {
  const notBefore = new Date(now.getTime() - DAY_MS);
  const subject = [{ shortName: 'CN', value: name }, { shortName: 'O', value: 'nfse-flow (local tests only)' }, { shortName: 'C', value: 'BR' }];
  const issued = issue({
    subject,
    issuer: 'self',
    notBefore,
    notAfter: new Date(notBefore.getTime() + 3650 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return { name, privateKeyPem: issued.privateKeyPem, certificatePem: issued.certificatePem };
}

/** A TLS server certificate from `ca` for these host names and IP addresses (for `privateKeyPem` when given). */
export function issueServerCertificate(ca: TestCa, hosts: readonly string[] = ['localhost', '127.0.0.1', '::1'], now = new Date(), privateKeyPem?: string): IssuedCertificate {
  const notBefore = new Date(now.getTime() - DAY_MS);
  const altNames = hosts.map((host) => (/^[\d.]+$|:/.test(host) ? { type: 7, ip: host } : { type: 2, value: host }));
  const issued = issue({
    subject: [{ shortName: 'CN', value: hosts[0] ?? 'localhost' }],
    issuer: issuerOf(ca),
    notBefore,
    notAfter: new Date(notBefore.getTime() + 825 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
    privateKeyPem,
  });
  return { privateKeyPem: issued.privateKeyPem, certificatePem: issued.certificatePem };
}

/**
 * An A1-like e-CNPJ certificate from `ca`: subject CN `RAZAO SOCIAL:CNPJ`, the CNPJ in the
 * ICP-Brasil otherName, client authentication and signing key usages, one year by default.
 */
export function issueA1Certificate(ca: TestCa, subject: A1Subject, now = new Date()): IssuedCertificate {
  const notBefore = subject.notBefore ?? new Date(now.getTime() - DAY_MS);
  const notAfter = subject.notAfter ?? new Date(notBefore.getTime() + 365 * DAY_MS);
  const issued = issue({
    subject: [
      { shortName: 'CN', value: `${subject.razaoSocial}:${subject.cnpj}` },
      { shortName: 'OU', value: 'Certificado PJ A1 (teste)' },
      { shortName: 'O', value: 'ICP-Brasil (simulada)' },
      { shortName: 'C', value: 'BR' },
    ],
    issuer: issuerOf(ca),
    notBefore,
    notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true, emailProtection: true },
      ...(subject.otherName === false ? [] : [{ id: '2.5.29.17', critical: false, value: icpBrasilAltName(subject.cnpj) }]),
    ],
    privateKeyPem: subject.privateKeyPem,
  });
  return { privateKeyPem: issued.privateKeyPem, certificatePem: issued.certificatePem };
}

/** A PKCS#12 (`.pfx`) holding the key, its certificate and the chain, as CAs deliver A1 certificates. */
export function toPfx(issued: IssuedCertificate, password: string, chainPem: readonly string[] = [], options: { readonly withKey?: boolean } = {}): Buffer {
  const key = options.withKey === false ? null : forge.pki.privateKeyFromPem(issued.privateKeyPem);
  const certificates = [issued.certificatePem, ...chainPem].map((pem) => forge.pki.certificateFromPem(pem));
  const p12 = forge.pkcs12.toPkcs12Asn1(key, certificates, password, { algorithm: '3des', friendlyName: 'a1' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}
