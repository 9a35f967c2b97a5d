import { CertificateUploadSchema } from '../../contracts/certificate';
import { certificateSecretName } from '../../contracts/certificateSecret';

describe('CertificateUploadSchema', () => {
  it('takes base64 with or without line breaks, and refuses anything else naming pfxBase64', () => {
    const outcomes = ['TUlJQ2Vn', 'TUlJ\nQ2Vn\n', 'TUlJQ2U=', 'not base64!', 'TUlJQ2V', '', 'TUlJ-2Vn', 'A'.repeat(100_004)].map((pfxBase64) => {
      const parsed = CertificateUploadSchema.safeParse({ pfxBase64, password: 'x' });
      return parsed.success ? 'ok' : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    });

    const refused = 'pfxBase64: must be the .pfx file in base64 (A-Z, a-z, 0-9, +, /, padded with =)';
    expect(outcomes).toEqual(['ok', 'ok', 'ok', refused, refused, refused, refused, 'pfxBase64: Too big: expected string to have <=100000 characters']);
  });
});

describe('certificateSecretName', () => {
  it('names one secret per company under the app’s prefix', () => {
    expect(certificateSecretName('nfse-prod', '12ABC34501DE35')).toBe('nfse-prod/companies/12ABC34501DE35/certificate');
  });
});
