import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildTestApp } from './helpers/buildTestApp';

/** cdk-nag's findings on a synthesized app (references resolved, as `cdk synth` sees them). */
function findings(app: App): string[] {
  app.synth();
  const result = new AwsSolutionsChecks(app).validateScope(app);
  return result.violations.flatMap((violation) => violation.violatingResources.map((resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`));
}

/** Every acknowledgment in the tree: `path: rule → reason`. */
function acknowledgments(root: IConstruct): Array<{ path: string; id: string; reason: unknown }> {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({ path: construct.node.path, id, reason }))),
  );
}

describe('cdk-nag AwsSolutions', () => {
  // The default app, built once for the two tests that read it: after synth and nag its acknowledgments are a fresh build's.
  const { app: defaultApp } = buildTestApp();

  it('finds nothing unacknowledged in the app (dev stage, sa-east-1)', () => {
    expect(findings(defaultApp)).toEqual([]);
  });

  it('finds nothing unacknowledged in the prod stage in us-east-1', () => {
    const { app } = buildTestApp({ context: { stage: 'prod', region: 'us-east-1' } });
    expect(findings(app)).toEqual([]);
  });

  it('finds nothing unacknowledged with custom domains for the console and the API (their TLS policy set, nothing acknowledged for it)', () => {
    const { app } = buildTestApp({ context: { webDomainName: 'console.nfse.example.com', apiDomainName: 'api.nfse.example.com', webHostedZoneId: 'Z0123', webHostedZoneName: 'nfse.example.com' } });
    expect(findings(app)).toEqual([]);
    expect(acknowledgments(app).filter((ack) => ack.id.startsWith('AwsSolutions-CFR4'))).toEqual([]);
  });

  it('finds nothing unacknowledged in a dev stage that opts out of deletion protection', () => {
    const { app } = buildTestApp({ context: { deletionProtection: 'false' } });
    expect(findings(app)).toEqual([]);
  });

  it('finds nothing unacknowledged when the console build is uploaded with an invalidation', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-web-'));
    try {
      fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>nfse</title>');
      const { app, stacks } = buildTestApp({ context: { webAssetsDir: dist } });
      Template.fromStack(stacks.web).hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'] });
      expect(findings(app)).toEqual([]);
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('states a reason for every acknowledgment', () => {
    const all = acknowledgments(defaultApp);
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((ack) => typeof ack.reason !== 'string' || ack.reason.length < 20)).toEqual([]);
  });

  it('reports a resource that breaks a rule (the check can fail)', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    new sqs.Queue(new Stack(app, 'Bad'), 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(findings(app)).toEqual(['error AwsSolutions-SQS2 at Bad/Queue/Resource', 'error AwsSolutions-SQS3 at Bad/Queue/Resource', 'error AwsSolutions-SQS4 at Bad/Queue/Resource']);
  });
});
