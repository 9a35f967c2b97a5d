import type { z } from 'zod';
import type { CertificateUploadSchema, CertificateView } from './certificate';
import type { Company, CompanyInputSchema, ListCompaniesResponse } from './company';
import { EXAMPLE_CNPJ } from './invoiceExamples';
import { BODY_ERROR_EXAMPLES, errorExample, GATEWAY_ERROR_EXAMPLES, type RouteExamples } from './routeExamples';

/** A valid CNPJ no example company has: what a 404 example asks for. */
const UNKNOWN_CNPJ = '11444777000161';

const companyInput = {
  razaoSocial: 'Empresa Demonstração de Software Ltda',
  nomeFantasia: 'nfse-flow demo',
  inscricaoMunicipal: '12345678',
  municipalityCode: '3550308',
  address: { street: 'Avenida Paulista', number: '1000', complement: 'conj. 101', district: 'Bela Vista', municipalityCode: '3550308', state: 'SP', postalCode: '01310100' },
  taxRegime: { simplesNacional: 'naoOptante', regimeEspecial: 'nenhum', incentivoFiscal: false },
  defaultService: { code: '01.07', municipalTaxCode: '010701', issRate: '2.00', description: 'Suporte técnico em informática' },
  contactEmail: 'fiscal@demo.example',
} satisfies z.input<typeof CompanyInputSchema>;

const certificateView = {
  subject: 'CN=EMPRESA DEMONSTRACAO DE SOFTWARE LTDA:11222333000181, OU=Certificado PJ A1, O=ICP-Brasil, C=BR',
  issuer: 'CN=AC Exemplo RFB v5, OU=Secretaria da Receita Federal do Brasil - RFB, O=ICP-Brasil, C=BR',
  serialNumber: '5a1f3c9e7b2d4e60',
  notBefore: '2026-03-01T00:00:00.000Z',
  notAfter: '2027-03-01T00:00:00.000Z',
  cnpj: EXAMPLE_CNPJ,
  fingerprintSha256: '3f9a1c2b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8',
  daysLeft: 97,
  status: 'valid',
  uploadedAt: '2026-11-23T14:00:00.000Z',
  uploadedBy: 'a3f1c2d4-5b6e-4f70-8192-a3b4c5d6e7f8',
  versionId: 'f2c4e6a8-1b3d-4f5e-9a7c-0e2d4f6a8c1b',
} satisfies CertificateView;

/** A company just created: version 1, no certificate yet. */
const newCompany = {
  ...companyInput,
  cnpj: EXAMPLE_CNPJ,
  version: 1,
  createdAt: '2026-10-02T12:00:00.000Z',
  updatedAt: '2026-10-02T12:00:00.000Z',
  updatedBy: 'a3f1c2d4-5b6e-4f70-8192-a3b4c5d6e7f8',
} satisfies Company;

/** The company as stored and answered: version 3, with its certificate on record. */
const company = {
  ...newCompany,
  version: 3,
  updatedAt: '2026-11-23T14:00:00.000Z',
  certificate: {
    metadata: { subject: certificateView.subject, issuer: certificateView.issuer, serialNumber: certificateView.serialNumber, notBefore: certificateView.notBefore, notAfter: certificateView.notAfter, cnpj: EXAMPLE_CNPJ, fingerprintSha256: certificateView.fingerprintSha256 },
    secretArn: `arn:aws:secretsmanager:sa-east-1:123456789012:secret:nfse-prod/companies/${EXAMPLE_CNPJ}/certificate-AbCdEf`,
    versionId: certificateView.versionId,
    uploadedAt: certificateView.uploadedAt,
    uploadedBy: certificateView.uploadedBy,
    status: 'valid',
    notices: { expiring: [], expired: false },
  },
} satisfies Company;

const badCnpj = errorExample('The CNPJ in the path is malformed or its check digits do not match', {
  message: 'Invalid request: cnpj check digits do not match',
  code: 'ValidationFailed',
  errors: [{ field: 'cnpj', message: 'check digits do not match' }],
});
const unknownCompany = errorExample("No such company, or another tenant's", { message: `Company ${UNKNOWN_CNPJ} not found`, code: 'NotFound' });
const staleVersion = errorExample('If-Match names a version the company has moved on from: read it again', {
  message: `Company ${EXAMPLE_CNPJ} is at version 4, not 3: read it again and reapply your change`,
  code: 'PreconditionFailed',
});
const etag = { ETag: '"3"' } as const;

export const LIST_COMPANIES_EXAMPLES = {
  request: { query: { limit: '50' } },
  responses: {
    200: { summary: "The caller's companies (ops: every company, a page at a time)", body: { items: [company] } satisfies ListCompaniesResponse },
    400: errorExample('A parameter breaks the contract', { message: 'Invalid request: limit must be a number', code: 'ValidationFailed', errors: [{ field: 'limit', message: 'must be a number' }] }),
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const GET_COMPANY_EXAMPLES = {
  request: { path: { cnpj: EXAMPLE_CNPJ } },
  responses: {
    200: { summary: 'The company, its version as the ETag', body: company, headers: etag },
    400: badCnpj,
    ...GATEWAY_ERROR_EXAMPLES,
    404: unknownCompany,
  },
} as const satisfies RouteExamples;

export const PUT_COMPANY_EXAMPLES = {
  request: { path: { cnpj: EXAMPLE_CNPJ }, headers: { 'If-Match': '"2"' }, body: companyInput },
  responses: {
    200: { summary: 'Replaced: the new version', body: company, headers: etag },
    201: { summary: 'Created: version 1', body: newCompany, headers: { ETag: '"1"', Location: `/companies/${EXAMPLE_CNPJ}` } },
    400: errorExample('A field breaks the contract', {
      message: 'Invalid request: contactEmail must be an e-mail address',
      code: 'ValidationFailed',
      errors: [{ field: 'contactEmail', message: 'must be an e-mail address' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: unknownCompany,
    412: staleVersion,
    ...BODY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const PATCH_COMPANY_EXAMPLES = {
  request: { path: { cnpj: EXAMPLE_CNPJ }, headers: { 'If-Match': '"2"' }, body: { contactEmail: 'nfe@nfse-flow.example', nomeFantasia: null } },
  responses: {
    200: { summary: 'Changed: the new version', body: company, headers: etag },
    400: errorExample('The patched company breaks the contract', {
      message: 'Invalid request: razaoSocial is required',
      code: 'ValidationFailed',
      errors: [{ field: 'razaoSocial', message: 'is required' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: unknownCompany,
    412: staleVersion,
    ...BODY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const PUT_CERTIFICATE_EXAMPLES = {
  request: {
    path: { cnpj: EXAMPLE_CNPJ },
    // The start of a real .pfx is `MII`: a whole one is a few KB of base64.
    body: { pfxBase64: 'MIIKPAIBAzCCCfYGCSqGSIb3DQEHAaCCCecEggnjMIIJ3zCCBgcGCSqGSIb3DQEHAaCCBfgEggX0MIIF8DCCBewGCyqGSIb3DQEMCgECoIIE', password: 'senha-do-certificado' } satisfies z.input<typeof CertificateUploadSchema>,
  },
  responses: {
    200: { summary: 'Replaced: the new certificate is in force', body: certificateView },
    201: { summary: 'The company had none: this one is in force', body: certificateView, headers: { Location: `/companies/${EXAMPLE_CNPJ}/certificate` } },
    400: errorExample('The file is not base64', {
      message: 'Invalid request: pfxBase64 must be the .pfx file in base64 (A-Z, a-z, 0-9, +, /, padded with =)',
      code: 'ValidationFailed',
      errors: [{ field: 'pfxBase64', message: 'must be the .pfx file in base64 (A-Z, a-z, 0-9, +, /, padded with =)' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: unknownCompany,
    ...BODY_ERROR_EXAMPLES,
    422: errorExample('The certificate cannot sign for the company now (the code names the problem)', {
      message: `This certificate cannot sign for company ${EXAMPLE_CNPJ}: the password does not open this certificate`,
      code: 'WrongPassword',
      errors: [{ field: 'password', message: 'the password does not open this certificate' }],
    }),
  },
} as const satisfies RouteExamples;

export const GET_CERTIFICATE_EXAMPLES = {
  request: { path: { cnpj: EXAMPLE_CNPJ } },
  responses: {
    200: { summary: 'Metadata, days left and status; never key material', body: certificateView },
    400: badCnpj,
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample('No such company, or none uploaded', { message: `Company ${EXAMPLE_CNPJ} has no certificate: upload one with PUT /companies/${EXAMPLE_CNPJ}/certificate`, code: 'NotFound' }),
  },
} as const satisfies RouteExamples;
