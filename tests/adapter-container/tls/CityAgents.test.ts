import { inspect } from 'node:util';
import { CompanyCredentials } from '../../../adapter-container/certificates/CompanyCredentials';
import { CityAgents } from '../../../adapter-container/tls/CityAgents';
import { cityTlsProblems } from '../../../adapter-container/tls/cityTlsProblems';
import { readPkcs12 } from '../../../lib/certificates/readPkcs12';
import { createTestCa, issueA1Certificate, newRsaKeyPem, toPfx, type TestCa } from '../../../local/certificates/testPki';

const BH = { code: '3106200', endpoint: 'https://127.0.0.1:4581/nfse/3106200', mtls: true, caFile: '/pki/ca.pem' } as const;
const SP = { code: '3550308', endpoint: 'http://127.0.0.1:4580/nfse/3550308', mtls: false } as const;

describe('CityAgents', () => {
  let ca: TestCa;
  let key: string;
  const credentialsOf = (cnpj: string): CompanyCredentials => new CompanyCredentials(cnpj, readPkcs12(toPfx(issueA1Certificate(ca, { cnpj, razaoSocial: 'EMPRESA LTDA', privateKeyPem: key }), 'pw'), 'pw'));
  const agents = (maxAgents?: number): CityAgents => new CityAgents({ readCaFile: () => ca.certificatePem, ...(maxAgents === undefined ? {} : { maxAgents }) });

  beforeAll(() => {
    ca = createTestCa();
    key = newRsaKeyPem();
  });

  it('has no agent where the transport’s default serves: plain HTTP, or HTTPS with Node’s roots and no client certificate', () => {
    const cityAgents = agents();

    expect(cityAgents.agentFor(SP, undefined)).toBeUndefined();
    expect(cityAgents.agentFor({ code: '3304557', endpoint: 'https://nfse.rio.example/ws', mtls: false }, credentialsOf('11222333000181'))).toBeUndefined();
    expect(cityAgents.size).toBe(0);
  });

  it('keeps one warm agent per company and city with mutual TLS, TLS 1.2 or newer', () => {
    const cityAgents = agents();
    const a = credentialsOf('11222333000181');
    const b = credentialsOf('11444777000161');

    const first = cityAgents.agentFor(BH, a);
    const again = cityAgents.agentFor(BH, a);
    const other = cityAgents.agentFor(BH, b);

    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(first?.options).toMatchObject({ keepAlive: true, minVersion: 'TLSv1.2', rejectUnauthorized: true });
    expect(cityAgents.size).toBe(2);
    cityAgents.destroy();
  });

  it('replaces a company’s agent once its certificate changed, and one per city serves a city that only names its CA', () => {
    const cityAgents = agents();
    const old = cityAgents.agentFor(BH, credentialsOf('11222333000181'));

    const renewed = cityAgents.agentFor(BH, credentialsOf('11222333000181'));
    const caOnly = cityAgents.agentFor({ code: '3304557', endpoint: 'https://nfse.rio.example/ws', mtls: false, caFile: '/pki/rio.pem' }, credentialsOf('11222333000181'));

    expect(renewed).not.toBe(old);
    expect(caOnly).toBeDefined();
    expect(cityAgents.agentFor({ code: '3304557', endpoint: 'https://nfse.rio.example/ws', mtls: false, caFile: '/pki/rio.pem' }, credentialsOf('11444777000161'))).toBe(caOnly);
    expect(cityAgents.size).toBe(2);
    cityAgents.destroy();
  });

  it('never holds the key where printing an agent would show it (its secure context is native)', () => {
    const agent = agents().agentFor(BH, credentialsOf('11222333000181'));

    expect(inspect(agent, { depth: 20, showHidden: true })).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    expect(JSON.stringify(agent?.options)).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it('closes the least recently used agent past its bound', () => {
    const cityAgents = agents(2);
    const first = cityAgents.agentFor(BH, credentialsOf('11111111000191'));
    cityAgents.agentFor(BH, credentialsOf('22222222000191'));
    if (first === undefined) throw new Error('a city with mutual TLS has an agent');
    const destroyed = jest.spyOn(first, 'destroy');

    cityAgents.agentFor(BH, credentialsOf('33333333000191'));

    expect([cityAgents.size, destroyed.mock.calls.length]).toEqual([2, 1]);
    cityAgents.destroy();
  });

  it('refuses mutual TLS without the company’s certificate or over plain HTTP', () => {
    const cityAgents = agents();

    expect(() => cityAgents.agentFor(BH, undefined)).toThrow('municipality 3106200 requires mutual TLS: a call needs the company\'s certificate');
    expect(() => cityAgents.agentFor({ ...BH, endpoint: 'http://127.0.0.1:4580/nfse/3106200' }, credentialsOf('11222333000181'))).toThrow('municipality 3106200 requires mutual TLS but its endpoint http://127.0.0.1:4580/nfse/3106200 is not https');
  });
});

describe('cityTlsProblems', () => {
  it('names a city with mutual TLS over plain HTTP, and a caFile that cannot be read or holds no certificate', () => {
    const files: Record<string, string> = { '/pki/ca.pem': createTestCa().certificatePem, '/pki/empty.pem': 'not a certificate' };
    const read = (file: string): string => {
      const text = files[file];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    };

    const problems = cityTlsProblems(
      [
        BH,
        { ...SP, mtls: true },
        { ...SP, code: '3304557', caFile: '/pki/missing.pem' },
        { ...SP, code: '4106902', caFile: '/pki/empty.pem' },
      ],
      read,
    );

    expect(problems).toEqual([
      'municipality 3550308 requires mutual TLS but its endpoint http://127.0.0.1:4580/nfse/3550308 is not https',
      'municipality 3304557: its caFile /pki/missing.pem cannot be read',
      'municipality 4106902: its caFile /pki/empty.pem holds no PEM certificate',
    ]);
  });
});
