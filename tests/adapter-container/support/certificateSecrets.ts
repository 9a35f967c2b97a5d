import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { certificateSecretName } from '../../../contracts/certificateSecret';
import type { LocalA1 } from '../../../local/certificates/LocalPki';
import { writeCertificateSecret } from '../../../tasks/companies/writeCertificateSecret';
import { testClientConfig } from '../../harness/localCloudEnv';

/** Stores a company's `.pfx` and password as the companies API does, in the shared cloud's Secrets Manager. */
export async function putCertificateSecret(prefix: string, cnpj: string, a1: LocalA1 | { readonly pfxBase64: string; readonly password: string }): Promise<void> {
  const secrets = new SecretsManagerClient(testClientConfig());
  try {
    const value = 'pfx' in a1 ? { pfxBase64: a1.pfx.toString('base64'), password: a1.password } : a1;
    await writeCertificateSecret(secrets, { name: certificateSecretName(prefix, cnpj), cnpj, value });
  } finally {
    secrets.destroy();
  }
}
