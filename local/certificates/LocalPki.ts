import { randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createTestCa, issueA1Certificate, issueServerCertificate, newRsaKeyPem, toPfx, type IssuedCertificate, type TestCa } from './testPki';

/** An A1-like certificate as a company uploads it: the `.pfx` and its password. */
export interface LocalA1 {
  readonly pfx: Buffer;
  readonly password: string;
  /** SHA-256 of the certificate's DER, lower-case hex: as the API's certificate metadata names it. */
  readonly fingerprintSha256: string;
}

/** The fingerprint the API records for a certificate (`CertificateMetadata.fingerprintSha256`). */
function fingerprintOf(certificatePem: string): string {
  return new X509Certificate(certificatePem).fingerprint256.replace(/:/g, '').toLowerCase();
}

/**
 * The local cloud's test PKI, kept in a directory so restarts (and `--data`) reuse it: a CA that
 * stands in for ICP-Brasil and for the cities' TLS CAs, the mock city's server certificate, and
 * an A1-like e-CNPJ certificate per company. Every certificate it issues certifies one key pair
 * (`company-key.pem`): key generation is the slow part, and a local run needs many certificates.
 * Nothing is downloaded; keys are files of mode 0600.
 */
export class LocalPki {
  private readonly issued = new Map<string, Promise<LocalA1>>();

  private constructor(
    /** Where it lives. */
    readonly dir: string,
    readonly ca: TestCa,
    /** The mock city's TLS server certificate (127.0.0.1, localhost, ::1). */
    readonly server: IssuedCertificate,
    private readonly companyKeyPem: string,
    private readonly pfxPassword: string,
  ) {}

  /** The CA certificate's file: the `caFile` of the mock's cities, and the trust anchor of its signature checks. */
  get caFile(): string {
    return path.join(this.dir, 'ca.pem');
  }

  /** Opens the PKI in `dir`, creating what is missing (about 0.3 s the first time). */
  static async open(dir: string): Promise<LocalPki> {
    await fs.mkdir(path.join(dir, 'companies'), { recursive: true, mode: 0o700 });
    const ca = await openCa(dir);
    const companyKeyPem = await readOrCreate(path.join(dir, 'company-key.pem'), newRsaKeyPem);
    const serverKey = await readOrCreate(path.join(dir, 'server-key.pem'), newRsaKeyPem);
    const serverCert = await readOrCreate(path.join(dir, 'server.pem'), () => issueServerCertificate(ca, undefined, undefined, serverKey).certificatePem);
    const pfxPassword = await readOrCreate(path.join(dir, 'pfx-password.txt'), () => randomBytes(12).toString('base64url'));
    return new LocalPki(dir, ca, { privateKeyPem: serverKey, certificatePem: serverCert }, companyKeyPem, pfxPassword);
  }

  /**
   * The company's A1-like certificate (CNPJ in the ICP-Brasil otherName, one year), issued the
   * first time and kept in `companies/{cnpj}.pfx` (its certificate alone in `{cnpj}.pem`), so it
   * is the same file after a restart.
   */
  companyCertificate(cnpj: string, razaoSocial: string): Promise<LocalA1> {
    let issued = this.issued.get(cnpj);
    if (issued === undefined) {
      issued = this.readOrIssue(cnpj, razaoSocial);
      this.issued.set(cnpj, issued);
    }
    return issued;
  }

  private async readOrIssue(cnpj: string, razaoSocial: string): Promise<LocalA1> {
    const pfxFile = path.join(this.dir, 'companies', `${cnpj}.pfx`);
    const certificateFile = path.join(this.dir, 'companies', `${cnpj}.pem`);
    try {
      const [pfx, certificatePem] = await Promise.all([fs.readFile(pfxFile), fs.readFile(certificateFile, 'utf8')]);
      return { pfx, password: this.pfxPassword, fingerprintSha256: fingerprintOf(certificatePem) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const a1 = issueA1Certificate(this.ca, { cnpj, razaoSocial: razaoSocial.toUpperCase(), privateKeyPem: this.companyKeyPem });
    const pfx = toPfx(a1, this.pfxPassword, [this.ca.certificatePem]);
    // The certificate first: a .pfx on disk always has its certificate beside it.
    await writeAtomically(certificateFile, a1.certificatePem);
    await writeAtomically(pfxFile, pfx);
    return { pfx, password: this.pfxPassword, fingerprintSha256: fingerprintOf(a1.certificatePem) };
  }
}

/** The CA in `dir` (`ca.pem`, `ca-key.pem`), created with both files the first time. */
async function openCa(dir: string): Promise<TestCa> {
  const keyFile = path.join(dir, 'ca-key.pem');
  const certificateFile = path.join(dir, 'ca.pem');
  try {
    const [privateKeyPem, certificatePem] = await Promise.all([fs.readFile(keyFile, 'utf8'), fs.readFile(certificateFile, 'utf8')]);
    return { name: new X509Certificate(certificatePem).subject, privateKeyPem, certificatePem };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const ca = createTestCa();
  await writeAtomically(keyFile, ca.privateKeyPem);
  await writeAtomically(certificateFile, ca.certificatePem);
  return ca;
}

/** The file's text, or what `create` makes, written first (0600). */
async function readOrCreate(file: string, create: () => string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const text = create();
  await writeAtomically(file, text);
  return text;
}

/** Writes through a temporary file and a rename, so a reader (another test worker) never sees half a key. */
async function writeAtomically(file: string, data: string | Buffer): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temporary, data, { mode: 0o600 });
  await fs.rename(temporary, file);
}
