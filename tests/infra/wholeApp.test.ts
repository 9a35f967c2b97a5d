import fs from 'node:fs';
import path from 'node:path';
import { buildTestApp } from './helpers/buildTestApp';

/**
 * The whole app as `npm run synth` builds it: every function bundled by esbuild, the adapter image
 * staged (not built: no Docker), aws-cdk-lib's CloudFormation validation and cdk-nag as
 * validation plugins (synth throws on any finding).
 */
describe('the whole app', () => {
  // No time limit here: a timed test fails on a loaded machine; `npm run synth` shows the time.
  it('synthesizes offline, bundled, validated and nag-clean', () => {
    const { app, stacks } = buildTestApp({ bundle: true, cfnValidation: true, nag: true });
    const assembly = app.synth();

    expect(assembly.stacks.map((stack) => stack.stackName).sort()).toEqual([
      'Nfse-dev-Api',
      'Nfse-dev-ApiHost',
      'Nfse-dev-Compute',
      'Nfse-dev-Data',
      'Nfse-dev-Messaging',
      'Nfse-dev-Network',
      'Nfse-dev-Observability',
      'Nfse-dev-Web',
      'Nfse-dev-WebEdge',
      'Nfse-dev-Workflows',
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'Nfse-dev-Compute.assets.json'), 'utf8')) as {
      files: Record<string, { source: { path: string; packaging: string } }>;
      dockerImages: Record<string, { source: { directory: string; dockerFile: string; platform: string } }>;
    };
    // One zip per task function, the outbox relay and the orders consumer: the esbuild bundle (index.js + its source map).
    const codeDirs = Object.values(manifest.files).filter((file) => file.source.packaging === 'zip').map((file) => path.join(assembly.directory, file.source.path));
    expect(codeDirs).toHaveLength(Object.keys(stacks.compute.functions).length + 2);
    for (const dir of codeDirs) expect(fs.readdirSync(dir).sort()).toEqual(['index.js', 'index.js.map']);

    const images = Object.values(manifest.dockerImages);
    expect(images.map((image) => ({ dockerFile: image.source.dockerFile, platform: image.source.platform }))).toEqual([{ dockerFile: 'adapter-container/Dockerfile', platform: 'linux/arm64' }]);
    const staged = path.join(assembly.directory, images[0].source.directory);
    expect(fs.readdirSync(staged).sort()).toEqual(['adapter-container', 'contracts', 'lib', 'package-lock.json', 'package.json']);
    expect(fs.existsSync(path.join(staged, 'adapter-container/Dockerfile'))).toBe(true);
  }, 300_000);
});
