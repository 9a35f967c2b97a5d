import { createHash } from 'node:crypto';
import { ParameterNotFoundError } from '@aws-lambda-powertools/parameters';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { CertificateSecretValueSchema, certificateSecretName } from '../../contracts/certificateSecret';
import { CertificateError } from '../../lib/certificates/CertificateError';
import { checkCertificate } from '../../lib/certificates/checkCertificate';
import { readPkcs12 } from '../../lib/certificates/readPkcs12';
import { CertificateMissingProviderError, TransientProviderError } from '../providers/errors';
import { CompanyCredentials } from './CompanyCredentials';

/** How long a company's secret is kept before it is read again, by default. */
export const DEFAULT_CERTIFICATE_CACHE_SECONDS = 300;

/** Options of {@link CompanyCertificates}. */
export interface CompanyCertificatesOptions {
  /** `CERTIFICATE_SECRET_PREFIX`: each company's secret is `{prefix}/companies/{cnpj}/certificate`. */
  readonly secretPrefix: string;
  /**
   * Reads the secrets, through its TTL cache (Powertools for AWS Lambda Parameters).
   * @default new SecretsProvider(): a SecretsManagerClient from the environment (region, credentials, AWS_ENDPOINT_URL)
   */
  readonly secrets?: SecretsProvider;
  /**
   * How long a secret is kept before it is read again: a replaced certificate is used within
   * this time (the old one stays valid meanwhile). @default 300
   */
  readonly cacheSeconds?: number;
  /** Expiry is judged at this time. @default () => new Date() */
  readonly now?: () => Date;
}

/** One company's last opening: what its secret held (by digest) and what that gave. */
interface Opened {
  readonly digest: string;
  readonly outcome: CompanyCredentials | CertificateMissingProviderError;
}

/**
 * The companies' A1 certificates, read from Secrets Manager (`contracts/certificateSecret.ts`)
 * through Powertools' `SecretsProvider` and its TTL cache, opened with `lib/certificates` once per
 * secret value (opening a `.pfx` costs ~50 ms of CPU) and checked on every use (an opened
 * certificate expires like any other).
 *
 * A company without a usable certificate is a {@link CertificateMissingProviderError} (code
 * `CertificateNotFound`, `CertificateUnreadable`, or `Certificate` + the problem: `Expired`,
 * `CnpjMismatch`, `WrongPassword`...): never retried. Secrets Manager failing to answer is
 * {@link TransientProviderError} `CertificateUnavailable`, retried like a city that does not answer.
 * Neither message holds key material or the password.
 */
export class CompanyCertificates {
  private readonly secrets: SecretsProvider;
  private readonly maxAge: number;
  private readonly now: () => Date;
  private readonly opened = new Map<string, Opened>();

  constructor(private readonly options: CompanyCertificatesOptions) {
    this.secrets = options.secrets ?? new SecretsProvider();
    this.maxAge = options.cacheSeconds ?? DEFAULT_CERTIFICATE_CACHE_SECONDS;
    this.now = options.now ?? (() => new Date());
  }

  /** The company's certificate, opened and checked for use now. */
  async credentialsFor(cnpj: string): Promise<CompanyCredentials> {
    const secret = await this.readSecret(cnpj);
    const digest = createHash('sha256').update(secret).digest('hex');
    let opened = this.opened.get(cnpj);
    if (opened?.digest !== digest) {
      opened = { digest, outcome: open(cnpj, secret) };
      this.opened.set(cnpj, opened);
    }
    if (opened.outcome instanceof CertificateMissingProviderError) throw opened.outcome;
    try {
      checkCertificate(opened.outcome.certificate.metadata, { cnpj, now: this.now() });
    } catch (error) {
      throw missing(cnpj, error);
    }
    return opened.outcome;
  }

  private async readSecret(cnpj: string): Promise<string> {
    const name = certificateSecretName(this.options.secretPrefix, cnpj);
    let value: unknown;
    try {
      value = await this.secrets.get(name, { maxAge: this.maxAge, throwOnMissing: true });
    } catch (error) {
      if (error instanceof ParameterNotFoundError) {
        throw new CertificateMissingProviderError('CertificateNotFound', `company ${cnpj} has no A1 certificate (secret ${name}): upload one with PUT /companies/${cnpj}/certificate`);
      }
      throw new TransientProviderError('CertificateUnavailable', `the A1 certificate of company ${cnpj} could not be read from Secrets Manager (${errorName(error)})`, { cause: error });
    }
    if (typeof value !== 'string') throw new CertificateMissingProviderError('CertificateUnreadable', `the secret ${name} holds no text (a binary secret is not a certificate upload)`);
    return value;
  }
}

/** Opens the secret's `.pfx` with its password; a failure is kept as the error to throw. */
function open(cnpj: string, secret: string): CompanyCredentials | CertificateMissingProviderError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    return new CertificateMissingProviderError('CertificateUnreadable', `the A1 certificate secret of company ${cnpj} is not JSON {pfxBase64, password}`);
  }
  const value = CertificateSecretValueSchema.safeParse(parsed);
  if (!value.success) return new CertificateMissingProviderError('CertificateUnreadable', `the A1 certificate secret of company ${cnpj} is not {pfxBase64, password}`);
  try {
    return new CompanyCredentials(cnpj, readPkcs12(Buffer.from(value.data.pfxBase64, 'base64'), value.data.password));
  } catch (error) {
    return missing(cnpj, error);
  }
}

/** The failure for a certificate `lib/certificates` refused (its messages never hold key material). */
function missing(cnpj: string, error: unknown): CertificateMissingProviderError {
  if (!(error instanceof CertificateError)) return new CertificateMissingProviderError('CertificateUnreadable', `the A1 certificate of company ${cnpj} could not be opened`);
  return new CertificateMissingProviderError(`Certificate${error.problem}`, `the A1 certificate of company ${cnpj} cannot be used: ${error.message}`);
}

function errorName(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.name : 'unknown error';
}
