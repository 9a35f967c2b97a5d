import { createHash } from 'node:crypto';
import { CreateSecretCommand, DescribeSecretCommand, PutSecretValueCommand, ResourceExistsException, UpdateSecretVersionStageCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CertificateSecretValue } from '../../contracts/certificateSecret';

/** Where a certificate went: its secret and the version this write made AWSCURRENT. */
export interface StoredSecretVersion {
  readonly arn: string;
  readonly versionId: string;
}

/** What {@link writeCertificateSecret} writes. */
export interface CertificateSecretWrite {
  /** `certificateSecretName(prefix, cnpj)`. */
  readonly name: string;
  readonly cnpj: string;
  readonly value: CertificateSecretValue;
  /** The KMS key a new secret is encrypted with. @default Secrets Manager's own key (aws/secretsmanager) */
  readonly kmsKeyId?: string;
}

/**
 * Stores a company's certificate as the AWSCURRENT version of its secret: CreateSecret the first
 * time, PutSecretValue afterwards, which moves the version it replaces to AWSPREVIOUS (a rollback
 * stays one staging-label move away). Never reads the secret.
 *
 * The version id (ClientRequestToken) is a digest of the value, so a retried or repeated upload
 * of the same file is ignored by Secrets Manager instead of pushing the real previous certificate
 * out of AWSPREVIOUS. The digest discloses nothing the `.pfx` itself does not guard: guessing the
 * password from it needs the file, whose own MAC would answer that guess anyway.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
 *
 * Ignored is also what happens to the file of an earlier version uploaded again (a rollback): its
 * version exists, so PutSecretValue leaves AWSCURRENT where it was. That version is then made
 * AWSCURRENT by moving the label (UpdateSecretVersionStage), which puts AWSPREVIOUS on the one it
 * replaces, as a new version would: the secret then holds what the company record says.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html
 */
export async function writeCertificateSecret(secrets: SecretsManagerClient, write: CertificateSecretWrite): Promise<StoredSecretVersion> {
  const secretString = JSON.stringify(write.value);
  const token = createHash('sha256').update(write.name).update('\0').update(secretString).digest('hex');
  try {
    const created = await secrets.send(
      new CreateSecretCommand({
        Name: write.name,
        Description: `A1 certificate of company ${write.cnpj} (.pfx base64 and password, JSON); read only by the nfse-flow adapters`,
        SecretString: secretString,
        ClientRequestToken: token,
        ...(write.kmsKeyId !== undefined ? { KmsKeyId: write.kmsKeyId } : {}),
      }),
    );
    return versionOf(created.ARN, created.VersionId, write.name);
  } catch (error) {
    if (!(error instanceof ResourceExistsException)) throw error;
  }
  const put = await secrets.send(new PutSecretValueCommand({ SecretId: write.name, SecretString: secretString, ClientRequestToken: token }));
  const stored = versionOf(put.ARN, put.VersionId, write.name);
  await makeCurrent(secrets, write.name, stored.versionId);
  return stored;
}

/** Moves AWSCURRENT to `versionId` unless it is there already. */
async function makeCurrent(secrets: SecretsManagerClient, name: string, versionId: string): Promise<void> {
  const { VersionIdsToStages: stages = {} } = await secrets.send(new DescribeSecretCommand({ SecretId: name }));
  if (stages[versionId]?.includes('AWSCURRENT') === true) return;
  const current = Object.entries(stages).find(([, labels]) => labels.includes('AWSCURRENT'))?.[0];
  await secrets.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: versionId, ...(current !== undefined ? { RemoveFromVersionId: current } : {}) }));
}

function versionOf(arn: string | undefined, versionId: string | undefined, name: string): StoredSecretVersion {
  if (arn === undefined || versionId === undefined) throw new Error(`Secrets Manager answered no ARN or version for ${name}`);
  return { arn, versionId };
}
