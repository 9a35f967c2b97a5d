import { Template } from 'aws-cdk-lib/assertions';
import { ORIGIN_VERIFY_HEADER } from '../../infra/lib/api/originLock';
import { buildTestApp } from './helpers/buildTestApp';
import { exportedValue, logicalId, onlyResource, resourcesOf, type Json } from './helpers/templateQueries';

const { stacks } = buildTestApp();
const apiHost = Template.fromStack(stacks.apiHost);
const api = Template.fromStack(stacks.api);
const web = Template.fromStack(stacks.web);
const webEdge = Template.fromStack(stacks.webEdge ?? stacks.web);

const distributionConfig = (template: Template): Record<string, Json> => onlyResource(template, 'AWS::CloudFront::Distribution').properties.DistributionConfig as Record<string, Json>;
const secretId = logicalId(stacks.apiHost.originVerifySecret);
/** A CloudFormation dynamic reference to the whole secret string of `arn`. */
const secretReference = (arn: Json): Json => ({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', arn, ':SecretString:::}}']] });

describe('the API behind CloudFront', () => {
  const config = distributionConfig(apiHost);

  it('forwards to the REST API’s regional endpoint at its stage over HTTPS (TLS 1.2), adding the origin-lock header from the secret', () => {
    expect(config.Origins).toEqual([
      {
        Id: expect.any(String),
        DomainName: { 'Fn::Join': ['', [{ Ref: logicalId(stacks.apiHost.restApi) }, '.execute-api.sa-east-1.', { Ref: 'AWS::URLSuffix' }]] },
        OriginPath: '/dev',
        CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'], OriginReadTimeout: 30 },
        OriginCustomHeaders: [{ HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: secretReference({ Ref: secretId }) }],
      },
    ]);
    expect(onlyResource(apiHost, 'AWS::SecretsManager::Secret').properties.GenerateSecretString).toEqual({ ExcludePunctuation: true, IncludeSpace: false, PasswordLength: 48 });
  });

  it('caches nothing, forwards every viewer header but Host with the query strings, takes every method and answers HTTPS only', () => {
    expect(config.CacheBehaviors).toBeUndefined();
    expect(config.DefaultCacheBehavior).toEqual({
      TargetOriginId: expect.any(String),
      // The managed CachingDisabled and AllViewerExceptHostHeader policies.
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      ViewerProtocolPolicy: 'https-only',
      Compress: false,
    });
    expect([config.HttpVersion, config.Enabled, config.Logging]).toEqual(['http2and3', true, { Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^EdgeLogsBucket/), 'RegionalDomainName'] }, Prefix: 'cloudfront/' }]);
  });

  it('attaches the API’s CLOUDFRONT WebACL from us-east-1: managed rules, the API’s body limit and the per-IP rate limit', () => {
    expect(stacks.webEdge?.region).toBe('us-east-1');
    const aclId = logicalId(stacks.webEdge?.apiEdge.webAcl ?? stacks.web);
    expect(JSON.stringify(config.WebACLId)).toMatch(new RegExp(`ExportsReader.*${aclId}`));
    const acl = resourcesOf(webEdge, 'AWS::WAFv2::WebACL')[aclId].Properties;
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect((acl.Rules as Array<{ Name: string }>).map((rule) => rule.Name)).toEqual(['BodyOverApiLimit', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList', 'RateLimitPerIp']);
    expect(acl.AssociationConfig).toEqual({ RequestBody: { CLOUDFRONT: { DefaultSizeInspectionLimit: 'KB_16' } } });
  });

  it('locks the origin: the stage’s regional WebACL blocks every request whose x-origin-verify is not exactly the secret CloudFront sends', () => {
    const acl = onlyResource(api, 'AWS::WAFv2::WebACL').properties;
    expect(acl.Scope).toBe('REGIONAL');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    const [rule, ...others] = acl.Rules as Array<Record<string, Json>>;
    expect(others).toEqual([]);
    const match = (((rule.Statement as Record<string, Json>).NotStatement as Record<string, Json>).Statement as Record<string, Record<string, Json>>).ByteMatchStatement;
    expect(rule).toMatchObject({ Name: 'NotFromCloudFront', Priority: 0, Action: { Block: {} } });
    expect({ ...match, SearchString: null }).toEqual({ FieldToMatch: { SingleHeader: { Name: 'x-origin-verify' } }, PositionalConstraint: 'EXACTLY', SearchString: null, TextTransformations: [{ Priority: 0, Type: 'NONE' }] });
    // The very secret the distribution sends (imported from ApiHost), never its value in the template.
    const [, [, imported]] = (match.SearchString as { 'Fn::Join': [string, Json[]] })['Fn::Join'];
    expect(match.SearchString).toEqual(secretReference(imported));
    expect(exportedValue(apiHost, imported)).toEqual({ Ref: secretId });
    const association = onlyResource(api, 'AWS::WAFv2::WebACLAssociation').properties;
    expect(association.WebACLArn).toEqual({ 'Fn::GetAtt': [logicalId(stacks.api.webAcl), 'Arn'] });
    const [, arn] = (association.ResourceArn as { 'Fn::Join': [string, Json[]] })['Fn::Join'];
    expect(arn.slice(2)).toEqual([':apigateway:sa-east-1::/restapis/', { 'Fn::ImportValue': expect.stringMatching(/^Nfse-dev-ApiHost:ExportsOutputRefRestApi/) }, '/stages/', { Ref: expect.stringMatching(/^ApiDeploymentStage/) }]);
  });

  it('gives the console and the ApiUrl output the CloudFront URL, never the execute-api host', () => {
    const distributionDomain = { 'Fn::GetAtt': [logicalId(stacks.apiHost.edge.distribution), 'DomainName'] };
    const configWrite = Object.values(resourcesOf(api, 'Custom::AWS'))
      .map((resource) => JSON.stringify(resource.Properties.Create ?? resource.Properties.Update))
      .find((write) => write.includes('config.json'));
    expect(configWrite).toMatch(/apiUrl\W+https:\/\/",\{"Fn::ImportValue":"Nfse-dev-ApiHost:ExportsOutputFnGetAttEdgeDistribution\w+DomainName/);
    expect(configWrite).not.toContain('execute-api');
    const output = (api.toJSON().Outputs as Record<string, { Value: { 'Fn::Join': [string, Json[]] } }>).ApiUrl.Value;
    const [, [scheme, imported]] = output['Fn::Join'];
    expect([scheme, exportedValue(apiHost, imported)]).toEqual(['https://', distributionDomain]);
    expect(JSON.stringify(onlyResource(web, 'AWS::CloudFront::ResponseHeadersPolicy').properties)).not.toContain('execute-api');
  });
});

describe('rotating the origin-lock secret', () => {
  it('replaces the secret with a new generation, and both ends reference the new one', () => {
    const { stacks: rotated } = buildTestApp({ context: { originVerifyGeneration: '2' } });
    const host = Template.fromStack(rotated.apiHost);
    const secret = onlyResource(host, 'AWS::SecretsManager::Secret');
    expect(secret.id).toMatch(/^OriginVerifySecret2/);
    expect(secret.id).not.toBe(secretId);
    expect((distributionConfig(host).Origins as Array<{ OriginCustomHeaders: Json }>)[0]?.OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: secretReference({ Ref: secret.id }) }]);
    const rule = (onlyResource(Template.fromStack(rotated.api), 'AWS::WAFv2::WebACL').properties.Rules as Array<{ Statement: { NotStatement: { Statement: { ByteMatchStatement: { SearchString: { 'Fn::Join': [string, Json[]] } } } } } }>)[0];
    const [, [, imported]] = rule?.Statement.NotStatement.Statement.ByteMatchStatement.SearchString['Fn::Join'] ?? ['', ['', null]];
    expect(exportedValue(host, imported)).toEqual({ Ref: secret.id });
  });
});

describe('the API’s custom domain', () => {
  const { stacks: custom } = buildTestApp({ context: { apiDomainName: 'api.nfse.example.com', webHostedZoneId: 'Z0123', webHostedZoneName: 'nfse.example.com' } });
  const host = Template.fromStack(custom.apiHost);
  const edge = Template.fromStack(custom.webEdge ?? custom.web);

  it('serves the name with a us-east-1 certificate validated in the zone, TLS 1.2 (2021) to viewers', () => {
    const certificate = onlyResource(edge, 'AWS::CertificateManager::Certificate', 'ApiEdge');
    expect(certificate.properties).toMatchObject({ DomainName: 'api.nfse.example.com', ValidationMethod: 'DNS', DomainValidationOptions: [{ DomainName: 'api.nfse.example.com', HostedZoneId: 'Z0123' }] });
    const config = distributionConfig(host);
    expect(config.Aliases).toEqual(['api.nfse.example.com']);
    expect(config.ViewerCertificate).toEqual({ AcmCertificateArn: expect.objectContaining({ 'Fn::GetAtt': [expect.stringMatching(/^ExportsReader/), expect.stringContaining(certificate.id)] }), SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
  });

  it('points A and AAAA alias records of the zone at the distribution', () => {
    const records = Object.values(resourcesOf(host, 'AWS::Route53::RecordSet')).map((record) => record.Properties);
    const target = { DNSName: { 'Fn::GetAtt': [logicalId(custom.apiHost.edge.distribution), 'DomainName'] }, HostedZoneId: { 'Fn::FindInMap': expect.any(Array) } };
    expect(records.map((record) => [record.Type, record.Name, record.HostedZoneId, record.AliasTarget])).toEqual([
      ['A', 'api.nfse.example.com.', 'Z0123', target],
      ['AAAA', 'api.nfse.example.com.', 'Z0123', target],
    ]);
  });

  it('pins the console’s connect-src to the custom domain', () => {
    expect(JSON.stringify(onlyResource(Template.fromStack(custom.web), 'AWS::CloudFront::ResponseHeadersPolicy').properties)).toContain("connect-src 'self' https://api.nfse.example.com https://nfse-flow-dev.auth.sa-east-1.amazoncognito.com");
  });
});

describe('the API’s edge when the app lives in us-east-1', () => {
  it('creates the API’s CLOUDFRONT WebACL in ApiHost itself', () => {
    const { stacks: east } = buildTestApp({ context: { region: 'us-east-1' } });
    const host = Template.fromStack(east.apiHost);
    host.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT' });
    expect(distributionConfig(host).WebACLId).toEqual({ 'Fn::GetAtt': [logicalId(east.apiHost.node.findChild('EdgeProtection').node.findChild('WebAcl')), 'Arn'] });
  });
});
