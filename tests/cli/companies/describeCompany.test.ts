import type { CompanyCertificate } from '../../../contracts/certificate';
import type { Company } from '../../../contracts/company';
import { certificateNow, describeCertificate, describeCompany, describeCompanyList } from '../../../cli/companies/describeCompany';

const NOW = new Date('2026-12-01T12:00:00.000Z');

const certificate = (notAfter: string, status: CompanyCertificate['status'] = 'valid'): CompanyCertificate => ({
  metadata: {
    subject: 'CN=EMPRESA:11222333000181',
    issuer: 'CN=AC',
    serialNumber: '0A1B',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter,
    cnpj: '11222333000181',
    fingerprintSha256: 'ab'.repeat(32),
  },
  secretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:nfse/companies/11222333000181/certificate-AbCdEf',
  versionId: 'v1',
  uploadedAt: '2026-01-02T00:00:00.000Z',
  uploadedBy: 'admin-1',
  // The daily check's, possibly a day old: what is printed is computed at NOW.
  status,
  notices: { expiring: [], expired: false },
});

const company = (cnpj: string, razaoSocial: string, extra: Partial<Company> = {}): Company => ({
  cnpj,
  razaoSocial,
  municipalityCode: '3550308',
  address: { street: 'Rua A', number: '1', district: 'Centro', municipalityCode: '3550308', state: 'SP', postalCode: '01000000' },
  taxRegime: { simplesNacional: 'meEpp', simplesNacionalApuracao: 'federaisPeloSnIssForaDoSn', regimeEspecial: 'nenhum', incentivoFiscal: true },
  contactEmail: 'a@b.example',
  version: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-03T00:00:00.000Z',
  updatedBy: 'admin-1',
  ...extra,
});

describe('certificateNow', () => {
  it('computes status and days left at the given time, not the status the record holds', () => {
    expect([
      certificateNow(certificate('2027-01-31T12:00:00.000Z', 'valid'), NOW),
      certificateNow(certificate('2026-12-31T12:00:00.000Z', 'valid'), NOW),
      certificateNow(certificate('2026-12-01T11:59:59.000Z', 'expiring'), NOW),
    ]).toEqual([
      { status: 'valid', daysLeft: 61 },
      { status: 'expiring', daysLeft: 30 },
      { status: 'expired', daysLeft: -1 },
    ]);
  });
});

describe('describeCompany', () => {
  it('prints every field a person edits, the version to name in If-Match, and the certificate now', () => {
    const described = describeCompany(company('11222333000181', 'Empresa Ltda', { nomeFantasia: 'Empresa', certificate: certificate('2026-12-11T12:00:00.000Z') }), NOW);

    expect(described).toBe(
      [
        '11222333000181  Empresa Ltda (Empresa)',
        '  version 2 (ETag "2")  updated 2026-01-03T00:00:00.000Z by admin-1',
        '  municipality 3550308',
        '  address Rua A, 1, Centro, 3550308/SP, CEP 01000000',
        '  tax regime meEpp (federaisPeloSnIssForaDoSn), special regime nenhum, fiscal incentive',
        '  contact a@b.example',
        '  certificate expiring, 10 days left (until 2026-12-11T12:00:00.000Z)  serial 0A1B',
      ].join('\n'),
    );
  });

  it('says how to upload a certificate when there is none', () => {
    expect(describeCompany(company('11222333000181', 'Empresa Ltda'), NOW).split('\n').at(-1)).toBe('  certificate none: upload one with nfse companies certificate put 11222333000181 --pfx FILE');
  });
});

describe('describeCertificate', () => {
  it('prints an expired certificate with the date it expired', () => {
    const view = { ...certificate('2026-11-01T00:00:00.000Z').metadata, daysLeft: -31, status: 'expired' as const, uploadedAt: '2026-01-02T00:00:00.000Z', uploadedBy: 'admin-1', versionId: 'v1' };

    expect(describeCertificate('11222333000181', view).split('\n')[0]).toBe('certificate of 11222333000181: expired on 2026-11-01T00:00:00.000Z');
  });
});

describe('describeCompanyList', () => {
  it('aligns one row per company with the certificate status and days left', () => {
    const companies = [
      company('11222333000181', 'Empresa Ltda', { certificate: certificate('2027-01-31T12:00:00.000Z') }),
      company('12ABC34501DE35', 'Alfanumérica SA', { municipalityCode: '3304557', certificate: certificate('2026-11-30T12:00:00.000Z') }),
      company('11444777000161', 'Sem Certificado ME'),
    ];

    expect(describeCompanyList(companies, NOW)).toBe(
      [
        'CNPJ            CITY     CERTIFICATE  DAYS LEFT  NAME',
        '11222333000181  3550308  valid        61         Empresa Ltda',
        '12ABC34501DE35  3304557  expired      -1         Alfanumérica SA',
        '11444777000161  3550308  none         -          Sem Certificado ME',
      ].join('\n'),
    );
    expect(describeCompanyList([], NOW)).toBe('no companies');
  });
});
