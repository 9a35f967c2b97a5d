import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CertificateMetadata, CertificateUpload, CertificateView, CompanyCertificate } from '../../contracts/certificate';
import { certificateSecretName } from '../../contracts/certificateSecret';
import { CertificateError, type CertificateProblem } from '../../lib/certificates/CertificateError';
import { certificateStatusOf } from '../../lib/certificates/certificateStatus';
import { checkCertificate, daysLeft } from '../../lib/certificates/checkCertificate';
import { readPkcs12 } from '../../lib/certificates/readPkcs12';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { NotFoundError, UnprocessableError } from '../shared/errors';
import { logger } from '../shared/logger';
import { getCompanyFor, readCompany, type CompanyDeps } from './companyStore';
import { writeCertificateSecret } from './writeCertificateSecret';

/** What the certificate operations talk to, beyond the companies table. */
export interface CertificateDeps extends CompanyDeps {
  readonly secrets: SecretsManagerClient;
  /** `CERTIFICATE_SECRET_PREFIX`: names each company's secret. */
  readonly secretPrefix: string;
  /** `CERTIFICATE_KMS_KEY_ID`: encrypts new secrets. @default Secrets Manager's own key */
  readonly kmsKeyId?: string;
}

/** An upload's answer: the certificate as now in force, and whether the company had none before. */
export interface CertificateWrite {
  readonly view: CertificateView;
  readonly created: boolean;
}

/** The certificate's metadata with its days left and status at `now`. */
export function certificateViewOf(certificate: CompanyCertificate, now: Date): CertificateView {
  return {
    ...certificate.metadata,
    daysLeft: daysLeft(certificate.metadata, now),
    status: certificateStatusOf(certificate.metadata, now),
    uploadedAt: certificate.uploadedAt,
    uploadedBy: certificate.uploadedBy,
    versionId: certificate.versionId,
  };
}

/** The request field a problem is about: only the password opens (or fails to open) the file. */
function fieldOf(problem: CertificateProblem): 'password' | 'pfxBase64' {
  return problem === 'WrongPassword' ? 'password' : 'pfxBase64';
}

/** Opens and checks the file for this company now; a 422 naming the problem (never key material) otherwise. */
function openCertificate(pfx: Buffer, password: string, cnpj: string, now: Date): CertificateMetadata {
  try {
    const { metadata } = readPkcs12(pfx, password);
    checkCertificate(metadata, { cnpj, now });
    return metadata;
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    throw new UnprocessableError(error.problem, `This certificate cannot sign for company ${cnpj}: ${error.message}`, [{ field: fieldOf(error.problem), message: error.message }]);
  }
}

/**
 * `PUT /companies/{cnpj}/certificate`: opens the `.pfx` with its password and checks it (key
 * present and matching, within validity, the company's CNPJ), stores it in the company's secret
 * as a new AWSCURRENT version, and records its metadata, secret and status on the company. Nothing
 * is stored when the certificate is refused.
 */
export async function putCompanyCertificate(deps: CertificateDeps, caller: Caller, cnpj: string, upload: CertificateUpload): Promise<CertificateWrite> {
  const company = mayAccessCompany(caller, cnpj) ? await readCompany(deps, cnpj) : undefined;
  if (company === undefined) throw new NotFoundError(`Company ${cnpj} not found`);
  const now = deps.now();
  const pfxBase64 = upload.pfxBase64.replace(/\s+/g, '');
  const metadata = openCertificate(Buffer.from(pfxBase64, 'base64'), upload.password, cnpj, now);

  const stored = await writeCertificateSecret(deps.secrets, { name: certificateSecretName(deps.secretPrefix, cnpj), cnpj, value: { pfxBase64, password: upload.password }, kmsKeyId: deps.kmsKeyId });
  const previous = company.certificate;
  const certificate: CompanyCertificate = {
    metadata,
    secretArn: stored.arn,
    versionId: stored.versionId,
    uploadedAt: now.toISOString(),
    uploadedBy: caller.principal,
    status: certificateStatusOf(metadata, now),
    // The same certificate uploaded again keeps what was already announced about it.
    notices: previous?.metadata.fingerprintSha256 === metadata.fingerprintSha256 ? previous.notices : { expiring: [], expired: false },
  };
  // A write of its own (a new company version), so a concurrent PUT of the company's fields,
  // conditional on the version it read, reads again and keeps this certificate.
  await deps.ddb.send(
    new UpdateCommand({
      TableName: deps.companiesTable,
      Key: { cnpj },
      UpdateExpression: 'SET certificate = :certificate, version = version + :one, updatedAt = :now, updatedBy = :by',
      ConditionExpression: 'attribute_exists(cnpj)',
      ExpressionAttributeValues: { ':certificate': certificate, ':one': 1, ':now': now.toISOString(), ':by': caller.principal },
    }),
  );
  logger.info('certificate stored', { companyCnpj: cnpj, serialNumber: metadata.serialNumber, fingerprintSha256: metadata.fingerprintSha256, notAfter: metadata.notAfter, versionId: stored.versionId });
  return { view: certificateViewOf(certificate, now), created: previous === undefined };
}

/** `GET /companies/{cnpj}/certificate`: the certificate's metadata, days left and status; 404 when none was uploaded. */
export async function getCompanyCertificate(deps: CompanyDeps, caller: Caller, cnpj: string): Promise<CertificateView> {
  const company = await getCompanyFor(deps, caller, cnpj);
  if (company.certificate === undefined) throw new NotFoundError(`Company ${cnpj} has no certificate: upload one with PUT /companies/${cnpj}/certificate`);
  return certificateViewOf(company.certificate, deps.now());
}
