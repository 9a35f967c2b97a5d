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
      municipalityCodes: ['3550308', '3304557', '3106200'],
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

  it('refuses a retention shorter than 5 years and a bad stage', () => {
    expect(() => configOf({ docsRetentionYears: 4 })).toThrow('context docsRetentionYears must be an integer >= 5, got 4');
    expect(() => configOf({ stage: 'Prod!' })).toThrow(/context stage must be lowercase/);
  });

  it('reads the municipality codes of a registry file under adapter-container/', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-repo-'));
    try {
      fs.mkdirSync(path.join(root, 'adapter-container/municipalities'), { recursive: true });
      fs.writeFileSync(path.join(root, 'adapter-container/municipalities/prod.json'), JSON.stringify([{ code: '4106902' }, { code: '4314902' }]));
      expect(configOf({ municipalitiesFile: 'adapter-container/municipalities/prod.json' }, {}, root).municipalityCodes).toEqual(['4106902', '4314902']);
      fs.writeFileSync(path.join(root, 'adapter-container/municipalities/bad.json'), JSON.stringify([{ code: '41' }]));
      expect(() => configOf({ municipalitiesFile: 'adapter-container/municipalities/bad.json' }, {}, root)).toThrow('entry 0 has no 7-digit "code"');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses a registry file the adapter image would not contain', () => {
    const file = path.join(os.tmpdir(), 'cities.json');
    expect(() => configOf({ municipalitiesFile: file })).toThrow(/must be under adapter-container\//);
  });
});
