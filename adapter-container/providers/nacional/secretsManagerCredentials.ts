import { GetSecretValueCommand, ResourceNotFoundException, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CertificateSecretValueSchema, certificateSecretName } from '../../../contracts/certificateSecret';
import { CertificateError } from '../../../lib/certificates/CertificateError';
import { readPkcs12 } from '../../../lib/certificates/readPkcs12';
import { raceAbort } from '../../../lib/concurrency/raceAbort';
import { RejectedProviderError } from '../errors';
import type { CredentialsSource } from './CompanyCredentials';
import { pemCredentials } from './pemCredentials';

/** Where {@link secretsManagerCredentials} reads the certificates. */
export interface SecretsManagerCredentialsOptions {
  readonly secrets: SecretsManagerClient;
  /** `CERTIFICATE_SECRET_PREFIX`: each company's secret is `{prefix}/companies/{cnpj}/certificate`. */
  readonly secretPrefix: string;
}

/**
 * The plain credentials source: reads the company's `.pfx` from its Secrets Manager secret (as
 * `PUT /companies/{cnpj}/certificate` stored it) and opens it on every call, with no cache. The
 * adapter's certificate cache (signers and mTLS agents kept per company, refreshed on rotation)
 * takes its place where the providers are wired (`defaultProviders`).
 *
 * A company without a certificate, or whose file no longer opens, is Provider.Rejected: a retry
 * would not change it, and the invoice fails saying why.
 */
export function secretsManagerCredentials(options: SecretsManagerCredentialsOptions): CredentialsSource {
  return (companyCnpj, signal) =>
    raceAbort(async () => {
      const secretId = certificateSecretName(options.secretPrefix, companyCnpj);
      let secretString: string | undefined;
      try {
        secretString = (await options.secrets.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
      } catch (error) {
        if (error instanceof ResourceNotFoundException) {
          throw new RejectedProviderError('CertificateNotFound', `company ${companyCnpj} has no A1 certificate: upload it with PUT /companies/${companyCnpj}/certificate`, undefined, { cause: error });
        }
        throw error;
      }
      const value = CertificateSecretValueSchema.safeParse(JSON.parse(secretString ?? 'null'));
      if (!value.success) throw new RejectedProviderError('CertificateUnreadable', `the certificate secret of company ${companyCnpj} does not hold a .pfx and its password`);
      try {
        const certificate = readPkcs12(Buffer.from(value.data.pfxBase64, 'base64'), value.data.password);
        return pemCredentials(certificate);
      } catch (error) {
        if (error instanceof CertificateError) throw new RejectedProviderError('CertificateUnreadable', `the A1 certificate of company ${companyCnpj} cannot be used: ${error.message}`, undefined, { cause: error });
        throw error;
      }
    }, signal);
}
