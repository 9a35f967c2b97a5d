import { z } from 'zod';

/**
 * The Secrets Manager secret of a company's A1 certificate: `{prefix}/companies/{cnpj}/certificate`.
 * The prefix (`CERTIFICATE_SECRET_PREFIX`) is the stage's (`nfse-prod`) in AWS and the app's
 * locally, so stages and local apps sharing an account or a cloud never read each other's.
 */
export function certificateSecretName(prefix: string, cnpj: string): string {
  return `${prefix}/companies/${cnpj}/certificate`;
}

/**
 * The secret's value (a JSON SecretString): the `.pfx` as uploaded and its password. Written by
 * the companies API, read only by the adapters.
 */
export const CertificateSecretValueSchema = z.strictObject({
  pfxBase64: z.string().min(1),
  password: z.string(),
});
export type CertificateSecretValue = z.infer<typeof CertificateSecretValueSchema>;
