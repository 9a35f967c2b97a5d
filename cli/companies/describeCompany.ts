import type { CertificateStatus, CertificateView, CompanyCertificate } from '../../contracts/certificate';
import type { Company } from '../../contracts/company';
import { certificateStatusOf } from '../../lib/certificates/certificateStatus';
import { daysLeft } from '../../lib/certificates/checkCertificate';

/** A company's certificate as of now: the record's status is the daily check's, up to a day old. */
export interface CertificateNow {
  readonly status: CertificateStatus;
  readonly daysLeft: number;
}

/** The certificate's status and days left at `now`. */
export function certificateNow(certificate: CompanyCertificate, now: Date): CertificateNow {
  return { status: certificateStatusOf(certificate.metadata, now), daysLeft: daysLeft(certificate.metadata, now) };
}

/** `valid, 363 days left (until …)` / `expired on …`. */
function describeValidity(status: CertificateStatus, days: number, notAfter: string): string {
  return status === 'expired' ? `expired on ${notAfter}` : `${status}, ${days} day${days === 1 ? '' : 's'} left (until ${notAfter})`;
}

/** A certificate as `nfse companies certificate get|put` prints it for people. */
export function describeCertificate(cnpj: string, view: CertificateView): string {
  return [
    `certificate of ${cnpj}: ${describeValidity(view.status, view.daysLeft, view.notAfter)}`,
    `  subject ${view.subject}`,
    `  issuer  ${view.issuer}`,
    `  serial ${view.serialNumber}  valid from ${view.notBefore}`,
    `  SHA-256 ${view.fingerprintSha256}`,
    `  uploaded ${view.uploadedAt} by ${view.uploadedBy}  secret version ${view.versionId}`,
  ].join('\n');
}

/** A company as `nfse companies get|put|patch` prints it for people. */
export function describeCompany(company: Company, now: Date): string {
  const { address, taxRegime, defaultService, certificate } = company;
  const current = certificate === undefined ? undefined : certificateNow(certificate, now);
  return [
    `${company.cnpj}  ${company.razaoSocial}${company.nomeFantasia !== undefined ? ` (${company.nomeFantasia})` : ''}`,
    `  version ${company.version} (ETag "${company.version}")  updated ${company.updatedAt} by ${company.updatedBy}`,
    `  municipality ${company.municipalityCode}${company.inscricaoMunicipal !== undefined ? `  inscrição municipal ${company.inscricaoMunicipal}` : ''}`,
    `  address ${address.street}, ${address.number}${address.complement !== undefined ? ` ${address.complement}` : ''}, ${address.district}, ${address.municipalityCode}/${address.state}, CEP ${address.postalCode}`,
    `  tax regime ${taxRegime.simplesNacional}${taxRegime.simplesNacionalApuracao !== undefined ? ` (${taxRegime.simplesNacionalApuracao})` : ''}, special regime ${taxRegime.regimeEspecial}${taxRegime.incentivoFiscal ? ', fiscal incentive' : ''}`,
    ...(defaultService !== undefined ? [`  default service ${defaultService.code}  ISS ${defaultService.issRate}%${defaultService.description !== undefined ? `  ${defaultService.description}` : ''}`] : []),
    `  contact ${company.contactEmail}`,
    certificate === undefined || current === undefined
      ? `  certificate none: upload one with nfse companies certificate put ${company.cnpj} --pfx FILE`
      : `  certificate ${describeValidity(current.status, current.daysLeft, certificate.metadata.notAfter)}  serial ${certificate.metadata.serialNumber}`,
  ].join('\n');
}

/** `nfse companies list`: one line per company, the certificate's status and days left first. */
export function describeCompanyList(companies: readonly Company[], now: Date): string {
  if (companies.length === 0) return 'no companies';
  const rows = companies.map((company) => {
    const current = company.certificate === undefined ? undefined : certificateNow(company.certificate, now);
    return [company.cnpj, company.municipalityCode, current === undefined ? 'none' : current.status, current === undefined ? '-' : String(current.daysLeft), company.razaoSocial];
  });
  const header = ['CNPJ', 'CITY', 'CERTIFICATE', 'DAYS LEFT', 'NAME'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  return [header, ...rows].map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')).join('\n');
}
