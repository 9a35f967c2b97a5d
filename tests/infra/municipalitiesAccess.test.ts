import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import type { NfseStacks } from '../../infra/lib/createNfseApp';
import { REPO_ROOT } from '../../infra/lib/paths';
import { DEPLOYED_TASKS, type TaskKey } from '../../infra/lib/tasks/taskCatalog';
import { buildTestApp } from './helpers/buildTestApp';
import { actionsOfRole, actionsOnExported, exportedValue, logicalId, onlyResource, resourcesOf, statementsOfRole, type Json } from './helpers/templateQueries';

type Env = Record<string, Json>;

function functionEnv(stacks: NfseStacks, compute: Template, task: TaskKey): Env {
  const fn = stacks.compute.functions[task];
  if (fn === undefined) throw new Error(`task ${task} is not deployed`);
  return (resourcesOf(compute, 'AWS::Lambda::Function')[logicalId(fn)].Properties.Environment as { Variables: Env }).Variables;
}

function roleOf(stacks: NfseStacks, task: TaskKey): string {
  const fn = stacks.compute.functions[task];
  if (fn === undefined) throw new Error(`task ${task} is not deployed`);
  return logicalId(fn.role ?? fn);
}

function adapterEnv(compute: Template): Env {
  const [container] = onlyResource(compute, 'AWS::ECS::TaskDefinition').properties.ContainerDefinitions as Array<{ Environment: Array<{ Name: string; Value: Json }> }>;
  return Object.fromEntries((container?.Environment ?? []).map((variable) => [variable.Name, variable.Value]));
}

/** Writes a registry file under adapter-container/ (the only place the context takes one from) for the duration of `use`. */
function withRegistryFile<T>(entries: unknown[], use: (relative: string, text: string) => T): T {
  const relative = `adapter-container/.registry-test-${process.pid}.json`;
  const text = JSON.stringify(entries);
  fs.writeFileSync(path.join(REPO_ROOT, relative), text);
  try {
    return use(relative, text);
  } finally {
    fs.rmSync(path.join(REPO_ROOT, relative), { force: true });
  }
}

const CURITIBA = { code: '4106902', name: 'Curitiba', provider: 'abrasf-2.04', mode: 'sync', endpoint: 'https://isscuritiba.curitiba.pr.gov.br/nfse', environment: 'producao', concurrency: 2 };

describe('the municipalities API and the registry in AWS', () => {
  const { stacks } = buildTestApp();
  const compute = Template.fromStack(stacks.compute);
  const data = Template.fromStack(stacks.data);
  const cityLimits: Json = { 'Fn::GetAtt': [logicalId(stacks.data.cityLimitsTable), 'Arn'] };

  it('lets the municipalities function read the health items and grants, nothing else', () => {
    const role = roleOf(stacks, 'municipalities');

    expect(actionsOfRole(compute, role).filter((action) => !action.startsWith('xray:'))).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(actionsOnExported(compute, role, data, cityLimits)).toEqual(['dynamodb:Query']);
    expect(exportedValue(data, functionEnv(stacks, compute, 'municipalities').CITY_LIMITS_TABLE)).toEqual({ Ref: logicalId(stacks.data.cityLimitsTable) });
    expect(Object.keys(functionEnv(stacks, compute, 'municipalities')).filter((name) => !name.startsWith('POWERTOOLS') && name !== 'NODE_OPTIONS').sort()).toEqual(['CITY_LIMITS_TABLE', 'CORS_ALLOWED_ORIGINS', 'TENANTS_TABLE']);
  });

  it('gives no other function the city limits table, and the adapter what it writes the health with', () => {
    /** What a resource names in the Data stack (an import of another stack's export names nothing there). */
    const inData = (resource: Json): Json => {
      try {
        return typeof resource === 'object' && resource !== null && 'Fn::ImportValue' in resource ? exportedValue(data, resource) : resource;
      } catch {
        return resource;
      }
    };
    const onCityLimits = (resource: Json): boolean => JSON.stringify(inData(resource)) === JSON.stringify(cityLimits);
    const touching = DEPLOYED_TASKS.filter((task) => statementsOfRole(compute, roleOf(stacks, task)).some((statement) => [statement.Resource].flat().some(onCityLimits)));
    const adapterActions = actionsOnExported(compute, logicalId(stacks.compute.adapter.taskRole), data, cityLimits);

    expect(touching).toEqual(['municipalities']);
    expect(adapterActions).toContain('dynamodb:UpdateItem');
  });

  it('keeps the built-in list in the functions when no registry file is given: no registry variable', () => {
    for (const task of ['emit', 'cancel', 'municipalities'] as const) {
      expect(Object.keys(functionEnv(stacks, compute, task)).filter((name) => name === 'MUNICIPALITIES_FILE' || name === 'PROVIDER_ENDPOINT')).toEqual([]);
    }
  });

  it("points emit, cancel, ops, municipalities and the orders' two functions at the built-in list's endpoint the adapter uses", () => {
    const withEndpoint = buildTestApp({ context: { providerEndpoint: 'https://homologacao.example.gov.br/nfse' } });
    const template = Template.fromStack(withEndpoint.stacks.compute);
    const readers = DEPLOYED_TASKS.filter((task) => functionEnv(withEndpoint.stacks, template, task).PROVIDER_ENDPOINT !== undefined);

    // ops too: a correction names a served municipality; orders refuse an unserved city, and the order's invoice is built for its city.
    expect(readers).toEqual(['emit', 'cancel', 'ops', 'municipalities', 'orders', 'orderInvoice']);
    expect(functionEnv(withEndpoint.stacks, template, 'municipalities').PROVIDER_ENDPOINT).toBe('https://homologacao.example.gov.br/nfse');
    expect(adapterEnv(template).PROVIDER_ENDPOINT).toBe('https://homologacao.example.gov.br/nfse');
  });

  it('gives the adapter the NACIONAL_* settings (its CA file as the image ships it) and the registry readers the national endpoint, nothing more', () => {
    const ca = `adapter-container/.nacional-ca-test-${process.pid}.pem`;
    fs.writeFileSync(path.join(REPO_ROOT, ca), '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
    try {
      const context = { nacionalEndpoint: 'https://sefin.producaorestrita.nfse.gov.br/SefinNacional/', nacionalCaFile: ca, nacionalDanfseEndpoint: 'https://adn.producaorestrita.nfse.gov.br' };
      const withNacional = buildTestApp({ context });
      const template = Template.fromStack(withNacional.stacks.compute);
      const nacionalOf = (env: Env): Env => Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('NACIONAL_')));

      expect(nacionalOf(adapterEnv(template))).toEqual({
        NACIONAL_ENDPOINT: 'https://sefin.producaorestrita.nfse.gov.br/SefinNacional',
        NACIONAL_CA_FILE: `/app/${ca}`,
        NACIONAL_DANFSE_ENDPOINT: 'https://adn.producaorestrita.nfse.gov.br',
      });
      expect(DEPLOYED_TASKS.filter((task) => Object.keys(nacionalOf(functionEnv(withNacional.stacks, template, task))).length > 0).map((task) => [task, nacionalOf(functionEnv(withNacional.stacks, template, task))])).toEqual(
        ['emit', 'cancel', 'ops', 'municipalities', 'orders', 'orderInvoice'].map((task) => [task, { NACIONAL_ENDPOINT: 'https://sefin.producaorestrita.nfse.gov.br/SefinNacional' }]),
      );
    } finally {
      fs.rmSync(path.join(REPO_ROOT, ca), { force: true });
    }
  });

  it('refuses at synth a national endpoint that is not https and a CA file the image would not ship', () => {
    expect(() => buildTestApp({ context: { nacionalEndpoint: 'http://sefin.example/SefinNacional' } })).toThrow('context nacionalEndpoint must be an https URL (the national system takes mutual TLS only), got "http://sefin.example/SefinNacional"');
    expect(() => buildTestApp({ context: { nacionalCaFile: 'infra/cdk.json' } })).toThrow('context nacionalCaFile must be a PEM file under adapter-container/ (the adapter image ships that folder), got "infra/cdk.json"');
  });

  it('bundles the registry file the adapter image ships into the functions that read it, byte for byte', () => {
    withRegistryFile([CURITIBA], (relative, text) => {
      const { app, stacks: bundled } = buildTestApp({ bundle: true, tasks: ['municipalities'], context: { municipalitiesFile: relative } });
      const assembly = app.synth();
      const template = Template.fromStack(bundled.compute as Stack);

      expect(functionEnv(bundled, template, 'municipalities').MUNICIPALITIES_FILE).toBe('/var/task/municipalities.json');
      expect(adapterEnv(template).MUNICIPALITIES_FILE).toBe(`/app/${relative}`);
      const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'Nfse-dev-Compute.assets.json'), 'utf8')) as { files: Record<string, { source: { path: string; packaging: string } }> };
      const [codeDir] = Object.values(manifest.files).filter((file) => file.source.packaging === 'zip').map((file) => path.join(assembly.directory, file.source.path));
      if (codeDir === undefined) throw new Error('no function was bundled');
      expect(fs.readdirSync(codeDir).sort()).toEqual(['index.js', 'index.js.map', 'municipalities.json']);
      expect(fs.readFileSync(path.join(codeDir, 'municipalities.json'), 'utf8')).toBe(text);
    });
  }, 300_000);
});
