import { createSign, createVerify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CertificateError } from '../../../lib/certificates/CertificateError';
import { checkCertificate, daysLeft } from '../../../lib/certificates/checkCertificate';
import { readPkcs12 } from '../../../lib/certificates/readPkcs12';
import { createTestCa, issueA1Certificate, toPfx, type TestCa } from '../../../local/certificates/testPki';

const CNPJ = '11222333000181';
const ALPHANUMERIC_CNPJ = '12ABC34501DE35';
const NOW = new Date('2026-12-06T12:00:00.000Z');

function problemOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof CertificateError) return `${error.problem}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('readPkcs12', () => {
  let ca: TestCa;

  beforeAll(() => {
    ca = createTestCa('test CA', NOW);
  });

  it('opens an A1 certificate: its key signs what its certificate verifies, the chain and what it says about itself', () => {
    const issued = issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA', notBefore: new Date('2026-01-10T00:00:00Z'), notAfter: new Date('2027-01-10T00:00:00Z') });

    const a1 = readPkcs12(toPfx(issued, 'senha', [ca.certificatePem]), 'senha');

    const signature = createSign('sha256').update('RPS').sign(a1.privateKeyPem);
    expect(createVerify('sha256').update('RPS').verify(a1.certificatePem, signature)).toBe(true);
    const body = (pem: string): string => pem.replace(/\s+/g, '');
    expect(a1.chainPem.map(body)).toEqual([body(ca.certificatePem)]);
    expect(a1.metadata).toEqual({
      subject: `CN=EMPRESA TESTE LTDA:${CNPJ}, OU=Certificado PJ A1 (teste), O=ICP-Brasil (simulada), C=BR`,
      issuer: 'CN=test CA, O=nfse-flow (local tests only), C=BR',
      serialNumber: expect.stringMatching(/^[0-9A-F]{32}$/),
      notBefore: '2026-01-10T00:00:00.000Z',
      notAfter: '2027-01-10T00:00:00.000Z',
      cnpj: CNPJ,
      fingerprintSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(a1.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('opens a .pfx as OpenSSL 3 writes it (PBES2, AES-256-CBC, SHA-256 MAC)', () => {
    const pfx = fs.readFileSync(path.join(__dirname, 'fixtures', 'openssl3-aes256.pfx'));

    const a1 = readPkcs12(pfx, 'senha forte 123');

    expect(a1.metadata).toMatchObject({ cnpj: CNPJ, notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2036-01-01T00:00:00.000Z', issuer: 'CN=fixture CA, O=nfse-flow (local tests only), C=BR' });
    expect(a1.chainPem).toHaveLength(1);
  });

  it('reads the CNPJ from the subject CN when the ICP-Brasil otherName is absent, and takes an alphanumeric CNPJ', () => {
    const issued = issueA1Certificate(ca, { cnpj: ALPHANUMERIC_CNPJ, razaoSocial: 'NOVA EMPRESA SA', otherName: false }, NOW);

    expect(readPkcs12(toPfx(issued, 'x'), 'x').metadata.cnpj).toBe(ALPHANUMERIC_CNPJ);
  });

  it('names what is wrong with a file it cannot use, without key material', () => {
    const issued = issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA' }, NOW);
    const other = issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'OUTRA' }, NOW);

    expect([
      problemOf(() => readPkcs12(toPfx(issued, 'right'), 'wrong')),
      problemOf(() => readPkcs12(Buffer.from('definitely not a certificate'), 'x')),
      problemOf(() => readPkcs12(Buffer.alloc(0), 'x')),
      problemOf(() => readPkcs12(toPfx(issued, 'x', [], { withKey: false }), 'x')),
      problemOf(() => readPkcs12(toPfx({ privateKeyPem: other.privateKeyPem, certificatePem: issued.certificatePem }, 'x'), 'x')),
    ]).toEqual([
      'WrongPassword: the password does not open this certificate',
      'NotPkcs12: the file is not a PKCS#12 (.pfx) certificate',
      'NotPkcs12: the file is not a PKCS#12 (.pfx) certificate',
      'NoPrivateKey: the file holds no private key (an A1 certificate must carry its key; export it with the key)',
      'KeyMismatch: no certificate in the file matches its private key',
    ]);
  });
});

describe('checkCertificate', () => {
  const metadata = { subject: 'CN=X', issuer: 'CN=CA', serialNumber: '01', notBefore: '2026-01-10T00:00:00.000Z', notAfter: '2027-01-10T00:00:00.000Z', cnpj: CNPJ, fingerprintSha256: '0'.repeat(64) };

  it('accepts a certificate of this company within its validity', () => {
    expect(problemOf(() => checkCertificate(metadata, { cnpj: CNPJ, now: NOW }))).toBe('no error');
  });

  it('refuses one not yet valid, expired, without a CNPJ or of another company', () => {
    expect([
      problemOf(() => checkCertificate(metadata, { cnpj: CNPJ, now: new Date('2026-01-01T00:00:00Z') })),
      problemOf(() => checkCertificate(metadata, { cnpj: CNPJ, now: new Date('2027-01-10T00:00:00Z') })),
      problemOf(() => checkCertificate({ ...metadata, cnpj: undefined }, { cnpj: CNPJ, now: NOW })),
      problemOf(() => checkCertificate(metadata, { cnpj: '11444777000161', now: NOW })),
    ]).toEqual([
      'NotYetValid: the certificate is valid only from 2026-01-10T00:00:00.000Z',
      'Expired: the certificate expired on 2027-01-10T00:00:00.000Z',
      'NoCnpj: the certificate carries no CNPJ (neither the ICP-Brasil otherName 2.16.76.1.3.3 nor a CN ending in :CNPJ): it is not an e-CNPJ',
      `CnpjMismatch: the certificate belongs to CNPJ ${CNPJ}, not 11444777000161`,
    ]);
  });

  it('counts whole days left, negative once expired', () => {
    expect([daysLeft(metadata, NOW), daysLeft(metadata, new Date('2027-01-09T12:00:00Z')), daysLeft(metadata, new Date('2027-01-12T00:00:00Z'))]).toEqual([34, 0, -2]);
  });
});
