import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { readAppConfig } from '../../infra/lib/config/appConfig';

const configOf = (context: Record<string, unknown>, env: Record<string, string> = {}, repoRoot?: string): ReturnType<typeof readAppConfig> => readAppConfig(new App({ context }).node, env, repoRoot);

describe('readAppConfig', () => {
  it('works with no context at all (offline synth)', () => {
    expect(configOf({})).toMatchObject({
      stage: 'dev',
      region: 'sa-east-1',
      natGateways: 1,
      municipalityCodes: ['3550308', '3304557', '3106200', '4314902', '2611606', '5208707'],
      nacional: {},
      providerPorts: [443],
      adapterMinTasks: 1,
      adapterMaxTasks: 10,
      maxReceiveCount: 5,
      visibilityTimeoutSeconds: 60,
      authDomainPrefix: 'nfse-flow-dev',
      docsRetentionYears: 5,
      retainData: false,
    });
  });

  it('retains data on the prod stage and takes the CLI account and region', () => {
    expect(configOf({ stage: 'prod' }, { CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'us-east-2' })).toMatchObject({ stage: 'prod', retainData: true, account: '123456789012', region: 'us-east-2' });
  });

  it("reads billing's external systems and issuer, Omie's production API by default", () => {
    expect(configOf({}).billing).toEqual({ erpApiUrl: 'https://app.omie.com.br' });
    expect(configOf({ billingUsageApiUrl: 'https://usage.example.com/', billingErpApiUrl: 'https://omie.example.com', billingIssuerCnpj: '11222333000181' }).billing).toEqual({
      usageApiUrl: 'https://usage.example.com',
      erpApiUrl: 'https://omie.example.com',
      issuerCnpj: '11222333000181',
    });
  });

  it('refuses a billing URL that is not https and an issuer that is not a CNPJ', () => {
    expect(() => configOf({ billingUsageApiUrl: 'http://usage.example.com' })).toThrow('context billingUsageApiUrl must be an https URL (the billing functions reach the internet on port 443 only), got "http://usage.example.com"');
    expect(() => configOf({ billingIssuerCnpj: '11222333000180' })).toThrow('context billingIssuerCnpj must be a valid CNPJ (14 characters, check digits), got "11222333000180"');
  });

  it('refuses a retention shorter than 5 years and a bad stage', () => {
    expect(() => configOf({ docsRetentionYears: 4 })).toThrow('context docsRetentionYears must be an integer >= 5, got 4');
    expect(() => configOf({ stage: 'Prod!' })).toThrow(/context stage must be lowercase/);
  });

  describe('with a registry file under adapter-container/', () => {
    let root: string;
    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-repo-'));
      fs.mkdirSync(path.join(root, 'adapter-container/municipalities'), { recursive: true });
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
    /** Writes `entries` as a registry file and reads the config with it. */
    const withRegistry = (entries: unknown[]): ReturnType<typeof readAppConfig> => {
      fs.writeFileSync(path.join(root, 'adapter-container/municipalities/cities.json'), JSON.stringify(entries));
      return configOf({ municipalitiesFile: 'adapter-container/municipalities/cities.json' }, {}, root);
    };
    const city = (code: string, name: string, environment: string, endpoint: string): Record<string, unknown> => ({ code, name, provider: 'abrasf-2.04', mode: 'sync', endpoint, environment, concurrency: 2 });

    it('reads its municipality codes', () => {
      expect(withRegistry([city('4106902', 'Curitiba', 'producao', 'https://isscuritiba.curitiba.pr.gov.br/nfse'), city('4314902', 'Porto Alegre', 'homologacao', 'http://hom.portoalegre.rs.gov.br/nfse')]).municipalityCodes).toEqual(['4106902', '4314902']);
    });

    it('refuses an entry without a 7-digit code', () => {
      expect(() => withRegistry([{ ...city('4106902', 'Curitiba', 'producao', 'https://a.gov.br'), code: '41' }])).toThrow('context municipalitiesFile adapter-container/municipalities/cities.json: entry 0 has no 7-digit "code"');
    });

    it('refuses a city in producao whose endpoint is not https, naming the city', () => {
      expect(() => withRegistry([city('4314902', 'Porto Alegre', 'homologacao', 'http://hom.portoalegre.rs.gov.br/nfse'), city('4106902', 'Curitiba', 'producao', 'http://isscuritiba.curitiba.pr.gov.br/nfse')])).toThrow(
        'context municipalitiesFile adapter-container/municipalities/cities.json: city 4106902 (Curitiba) is in producao, so its endpoint must be https, got "http://isscuritiba.curitiba.pr.gov.br/nfse"',
      );
    });

    it('refuses a file the adapters and the API would refuse at start, naming the field, and a city listed twice', () => {
      expect(() => withRegistry([{ ...city('4106902', 'Curitiba', 'producao', 'https://a.gov.br'), cancellation: { by: 'event', reasonCodes: [] } }])).toThrow(
        /^context municipalitiesFile adapter-container\/municipalities\/cities\.json is not a list of municipalities: [\s\S]*at \[0\]\.cancellation\.reasonCodes$/,
      );
      expect(() => withRegistry([city('4106902', 'Curitiba', 'producao', 'https://a.gov.br'), city('4106902', 'Curitiba', 'producao', 'https://b.gov.br')])).toThrow(
        'context municipalitiesFile adapter-container/municipalities/cities.json: municipality 4106902 is listed twice',
      );
    });

    it('refuses a city without an environment or a valid endpoint, naming it', () => {
      expect(() => withRegistry([{ ...city('4106902', 'Curitiba', 'producao', 'https://a.gov.br'), environment: 'production' }])).toThrow(
        'context municipalitiesFile adapter-container/municipalities/cities.json: city 4106902 (Curitiba) has environment "production", expected "homologacao" or "producao"',
      );
      expect(() => withRegistry([city('4106902', 'Curitiba', 'producao', 'isscuritiba.curitiba.pr.gov.br')])).toThrow(
        'context municipalitiesFile adapter-container/municipalities/cities.json: city 4106902 (Curitiba) has no valid "endpoint" URL, got "isscuritiba.curitiba.pr.gov.br"',
      );
    });
  });

  it('takes the API’s custom domain in its own zone or the console’s, and refuses one without a zone or outside it', () => {
    expect(configOf({}).apiDomain).toBeUndefined();
    expect(configOf({ apiDomainName: 'api.nfse.example.com', webHostedZoneId: 'Z1', webHostedZoneName: 'nfse.example.com' }).apiDomain).toEqual({ domainName: 'api.nfse.example.com', hostedZoneId: 'Z1', hostedZoneName: 'nfse.example.com' });
    expect(configOf({ apiDomainName: 'api.example.org', apiHostedZoneId: 'Z2', apiHostedZoneName: 'example.org', webHostedZoneId: 'Z1', webHostedZoneName: 'nfse.example.com' }).apiDomain).toEqual({ domainName: 'api.example.org', hostedZoneId: 'Z2', hostedZoneName: 'example.org' });
    expect(() => configOf({ apiDomainName: 'api.example.org' })).toThrow(/^context apiDomainName needs apiHostedZoneId and apiHostedZoneName/);
    expect(() => configOf({ apiDomainName: 'api.example.org', apiHostedZoneId: 'Z2', apiHostedZoneName: 'nfse.example.com' })).toThrow('context apiDomainName "api.example.org" is not in the hosted zone "nfse.example.com"');
  });

  it('turns deletion protection on unless the context opts out', () => {
    expect(configOf({}).deletionProtection).toBe(true);
    expect(configOf({ stage: 'prod' }).deletionProtection).toBe(true);
    expect(configOf({ deletionProtection: 'false' }).deletionProtection).toBe(false);
    expect(configOf({ deletionProtection: false }).deletionProtection).toBe(false);
    expect(() => configOf({ deletionProtection: 'no' })).toThrow('context deletionProtection must be true or false, got "no"');
  });

  it('keeps Aurora logs a month unless the context names another CloudWatch Logs retention', () => {
    expect(configOf({}).dbLogRetentionDays).toBe(30);
    expect(configOf({ dbLogRetentionDays: '365' }).dbLogRetentionDays).toBe(365);
    expect(() => configOf({ dbLogRetentionDays: 45 })).toThrow(/^context dbLogRetentionDays must be a CloudWatch Logs retention \(1, 3, 5, 7, 14, 30, 60, 90, .*3653\), got 45$/);
  });

  it('refuses a registry file the adapter image would not contain', () => {
    const file = path.join(os.tmpdir(), 'cities.json');
    expect(() => configOf({ municipalitiesFile: file })).toThrow(/must be under adapter-container\//);
  });
});
