import { Template } from 'aws-cdk-lib/assertions';
import { EmitInvoiceRequestSchema } from '../../contracts/emitInvoiceRequest';
import { ReprocessFailuresRequestSchema } from '../../contracts/ops';
import { API_MAX_BODY_BYTES } from '../../infra/lib/api/apiBodyLimit';
import { decimalGreaterThanPattern } from '../../infra/lib/constructs/bodySizeRule';
import { MAX_BODY_BYTES } from '../../tasks/shared/parseJsonBody';
import { z } from 'zod';
import { DEPLOYED_TASKS } from '../../infra/lib/tasks/taskCatalog';
import { buildTestApp } from './helpers/buildTestApp';
import { apiMethods, exportedValue, logicalId, onlyResource, resourcesOf, type Json } from './helpers/templateQueries';

const { stacks } = buildTestApp();
const api = Template.fromStack(stacks.api);
const apiHost = Template.fromStack(stacks.apiHost);
const web = Template.fromStack(stacks.web);

/** The console's CSP with the API distribution's domain (imported from the ApiHost stack) written `<ApiDistribution>`. */
const cspOf = (template: Template): string => {
  const policy = onlyResource(template, 'AWS::CloudFront::ResponseHeadersPolicy').properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: Json } } };
  const csp = policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
  if (typeof csp === 'string') return csp;
  const [, parts] = (csp as { 'Fn::Join': [string, Json[]] })['Fn::Join'];
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (JSON.stringify(exportedValue(apiHost, part)) === JSON.stringify({ 'Fn::GetAtt': [logicalId(stacks.apiHost.edge.distribution), 'DomainName'] })) return '<ApiDistribution>';
      throw new Error(`unexpected CSP part ${JSON.stringify(part)}`);
    })
    .join('');
};
const observability = Template.fromStack(stacks.observability);

const methods = apiMethods(api);
const method = (httpMethod: string, path: string): Record<string, Json> => {
  const found = methods.find((candidate) => candidate.httpMethod === httpMethod && candidate.path === path);
  if (found === undefined) throw new Error(`no ${httpMethod} ${path}`);
  return found.properties;
};

describe('ApiStack', () => {
  it('protects POST /invoices with the Cognito authorizer, a write scope, an API key and the generated model', () => {
    const emit = method('POST', '/invoices');
    expect(emit).toMatchObject({
      AuthorizationType: 'COGNITO_USER_POOLS',
      AuthorizerId: { Ref: expect.stringMatching(/^Authorizer/) },
      AuthorizationScopes: ['nfse/invoices.write', 'nfse/ops'],
      ApiKeyRequired: true,
      RequestValidatorId: { Ref: expect.stringMatching(/^ApiValidator/) },
      RequestModels: { 'application/json': { Ref: expect.stringMatching(/^ApiEmitInvoiceRequest/) } },
    });
  });

  it('generates the request model from the zod contract as JSON Schema draft-04', () => {
    const model = onlyResource(api, 'AWS::ApiGateway::Model', 'ApiEmitInvoiceRequest').properties;
    expect(model.ContentType).toBe('application/json');
    expect(model.Schema).toEqual({ ...z.toJSONSchema(EmitInvoiceRequestSchema, { target: 'draft-4', io: 'input' }), title: 'EmitInvoiceRequest' });
    expect((model.Schema as Record<string, Json>).$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect((model.Schema as { required: Json }).required).toEqual(['companyCnpj', 'municipalityCode', 'total', 'service', 'tomador']);
  });

  it('lets API Gateway invoke each routed function, from the Api stack (no cycle with Compute)', () => {
    const permissions = Object.values(resourcesOf(api, 'AWS::Lambda::Permission')).map((permission) => permission.Properties);
    expect(permissions.length).toBeGreaterThanOrEqual(methods.filter((candidate) => candidate.httpMethod !== 'OPTIONS').length);
    for (const permission of permissions) expect(permission).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
  });

  it('leaves GET /ping public (no token, no API key) and reads with a read scope', () => {
    expect(method('GET', '/ping')).toMatchObject({ AuthorizationType: 'NONE', ApiKeyRequired: false });
    expect(method('GET', '/invoices/{id}')).toMatchObject({ AuthorizationType: 'COGNITO_USER_POOLS', ApiKeyRequired: true, AuthorizationScopes: ['nfse/invoices.read', 'nfse/invoices.write', 'nfse/companies.admin', 'nfse/ops'] });
  });

  it('answers 401, 403 and 429 with the contract’s error body and CORS headers', () => {
    const responses = Object.values(resourcesOf(api, 'AWS::ApiGateway::GatewayResponse')).map((response) => response.Properties);
    const byType = (type: string): Record<string, Json> => {
      const found = responses.find((response) => response.ResponseType === type);
      if (found === undefined) throw new Error(`no gateway response ${type}`);
      return found;
    };
    expect(byType('UNAUTHORIZED')).toMatchObject({ StatusCode: '401', ResponseTemplates: { 'application/json': '{"message":$context.error.messageString,"code":"Unauthorized","requestId":"$context.requestId"}' } });
    expect(byType('INVALID_API_KEY')).toMatchObject({ StatusCode: '403', ResponseTemplates: { 'application/json': '{"message":$context.error.messageString,"code":"InvalidApiKey","requestId":"$context.requestId"}' } });
    expect(byType('THROTTLED')).toMatchObject({ StatusCode: '429', ResponseParameters: { 'gatewayresponse.header.Retry-After': "'1'" } });
    expect(byType('QUOTA_EXCEEDED')).toMatchObject({ StatusCode: '429' });
    const headers = byType('ACCESS_DENIED').ResponseParameters as Record<string, Json>;
    expect(headers['gatewayresponse.header.Access-Control-Allow-Origin']).toEqual(expect.objectContaining({ 'Fn::Join': expect.any(Array) }));
    expect(JSON.stringify(headers['gatewayresponse.header.Access-Control-Allow-Origin'])).toContain('https://');
  });

  it('lets the console edit companies across origins: PUT and PATCH with If-Match pass the preflight', () => {
    const preflight = method('OPTIONS', '/companies/{cnpj}').Integration as { IntegrationResponses: Array<{ ResponseParameters: Record<string, Json> }> };
    const headers = preflight.IntegrationResponses[0]?.ResponseParameters ?? {};

    expect([headers['method.response.header.Access-Control-Allow-Methods'], headers['method.response.header.Access-Control-Allow-Headers']]).toEqual(["'GET,POST,PUT,PATCH,DELETE,OPTIONS'", "'Authorization,Content-Type,X-Api-Key,Idempotency-Key,If-Match'"]);
  });

  it('writes access logs, traces with X-Ray and never logs bodies', () => {
    const stage = onlyResource(api, 'AWS::ApiGateway::Stage').properties;
    expect(stage).toMatchObject({ StageName: 'dev', TracingEnabled: true, AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': [expect.stringMatching(/^AccessLogs/), 'Arn'] } } });
    expect(stage.MethodSettings).toEqual([{ DataTraceEnabled: false, HttpMethod: '*', LoggingLevel: 'ERROR', MetricsEnabled: true, ResourcePath: '/*', ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 }]);
  });

  it('redeploys the stage when a route changes (every method is part of the deployment’s id)', () => {
    const deploymentId = (tasks: Parameters<typeof buildTestApp>[0]): string => onlyResource(Template.fromStack(buildTestApp(tasks).stacks.api), 'AWS::ApiGateway::Deployment').id;
    // The suite's app is a build of its own: a second build of the same routes gets the same id.
    const all = onlyResource(api, 'AWS::ApiGateway::Deployment').id;
    expect(deploymentId({})).toBe(all);
    expect(deploymentId({ tasks: DEPLOYED_TASKS.filter((task) => task !== 'report') })).not.toBe(all);
    const stage = onlyResource(api, 'AWS::ApiGateway::Stage').properties;
    expect(stage.DeploymentId).toEqual({ Ref: all });
    expect(onlyResource(api, 'AWS::ApiGateway::Deployment').properties.Description).toBe('nfse-flow: emit, query and cancel NFS-e');
  });

  it('creates a usage plan per plan of the contracts, on the stage, and puts the console’s key, tagged as the api-keys function reads keys, on the platform plan', () => {
    const plans = Object.entries(resourcesOf(api, 'AWS::ApiGateway::UsagePlan')).map(([id, plan]) => ({ id, ...(plan.Properties as { UsagePlanName: string; Throttle: unknown; Quota: unknown; ApiStages: unknown }) }));
    expect(plans.map((plan) => [plan.UsagePlanName, plan.Throttle, plan.Quota])).toEqual([
      ['nfse-dev-starter', { RateLimit: 5, BurstLimit: 10 }, { Limit: 10000, Period: 'MONTH' }],
      ['nfse-dev-business', { RateLimit: 50, BurstLimit: 100 }, { Limit: 200000, Period: 'MONTH' }],
      ['nfse-dev-platform', { RateLimit: 100, BurstLimit: 200 }, { Limit: 1000000, Period: 'MONTH' }],
    ]);
    for (const plan of plans) expect(plan.ApiStages).toEqual([{ ApiId: expect.anything(), Stage: { Ref: expect.stringMatching(/^ApiDeploymentStage/) }, Throttle: {} }]);
    const platform = plans.find((plan) => plan.UsagePlanName === 'nfse-dev-platform')?.id;
    const key = onlyResource(api, 'AWS::ApiGateway::ApiKey');
    expect(key.id).toMatch(/^ApiConsoleApiKey/);
    expect(key.properties.Tags).toEqual([
      { Key: 'app', Value: 'nfse-flow' },
      { Key: 'nfse:app', Value: 'console' },
      { Key: 'nfse:prefix', Value: 'generated' },
      { Key: 'nfse:usagePlanId', Value: { Ref: platform } },
      { Key: 'stage', Value: 'dev' },
    ]);
    expect(onlyResource(api, 'AWS::ApiGateway::UsagePlanKey').properties).toMatchObject({ KeyId: { Ref: key.id }, KeyType: 'API_KEY', UsagePlanId: { Ref: platform } });
  });

  it('sets up Cognito: hosted UI domain, console and client-credentials clients, resource server and groups', () => {
    api.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'nfse-flow-dev' });
    api.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Identifier: 'nfse', Scopes: [{ ScopeName: 'invoices.read', ScopeDescription: 'nfse invoices.read' }, { ScopeName: 'invoices.write', ScopeDescription: 'nfse invoices.write' }, { ScopeName: 'companies.admin', ScopeDescription: 'nfse companies.admin' }, { ScopeName: 'ops', ScopeDescription: 'nfse ops' }] });
    const clients = Object.values(resourcesOf(api, 'AWS::Cognito::UserPoolClient')).map((client) => client.Properties);
    expect(clients.map((client) => ({ flows: client.AllowedOAuthFlows, secret: client.GenerateSecret ?? false })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { flows: ['client_credentials'], secret: true },
      { flows: ['code'], secret: false },
    ]);
    expect(Object.values(resourcesOf(api, 'AWS::Cognito::UserPoolGroup')).map((group) => group.Properties.GroupName).sort()).toEqual(['admin', 'client', 'ops', 'viewer']);
    api.hasResourceProperties('AWS::Cognito::UserPool', { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true }, DeletionProtection: 'ACTIVE' });
  });

  it('requires TOTP MFA of every user of the pool (ops included), with no SMS factor', () => {
    const pool = onlyResource(api, 'AWS::Cognito::UserPool').properties;
    expect({ mfa: pool.MfaConfiguration, factors: pool.EnabledMfas, sms: pool.SmsConfiguration ?? null }).toEqual({ mfa: 'ON', factors: ['SOFTWARE_TOKEN_MFA'], sms: null });
  });

  it('routes the console’s reads to the read scope and keeps /ops to the ops scope', () => {
    const scopes = (m: Record<string, Json>): Json => m.AuthorizationScopes;
    expect(scopes(method('GET', '/executions/{arn}'))).toEqual(['nfse/invoices.read', 'nfse/invoices.write', 'nfse/companies.admin', 'nfse/ops']);
    expect(scopes(method('GET', '/invoices/{id}/history'))).toEqual(['nfse/invoices.read', 'nfse/invoices.write', 'nfse/companies.admin', 'nfse/ops']);
    expect(scopes(method('GET', '/me'))).toEqual(['nfse/invoices.read', 'nfse/invoices.write', 'nfse/companies.admin', 'nfse/ops']);
    expect(scopes(method('POST', '/ops/executions/{arn}/redrive'))).toEqual(['nfse/ops']);
    expect(scopes(method('GET', '/ops/failures'))).toEqual(['nfse/ops']);
  });

  it('writes the console’s config.json (API URL, API key, Cognito client) into the site bucket', () => {
    const writes = Object.values(resourcesOf(api, 'Custom::AWS')).map((r) => JSON.stringify(r.Properties.Create ?? r.Properties.Update));
    const configWrite = writes.find((w) => w.includes('putObject') && w.includes('config.json'));
    expect(configWrite).toBeDefined();
    expect(configWrite).toMatch(/kind\W+cognito\W+authority\W+https:\/\/cognito-idp\./);
    expect(configWrite).toContain('openid email nfse/invoices.read nfse/companies.admin nfse/ops');
    expect(writes.some((w) => w.includes('getApiKey') && w.includes('includeValue'))).toBe(true);
  });

  describe('request body size (the API’s CloudFront WebACL)', () => {
    const acl = resourcesOf(Template.fromStack(stacks.webEdge ?? stacks.web), 'AWS::WAFv2::WebACL')[logicalId(stacks.webEdge?.apiEdge.webAcl ?? stacks.web)].Properties;
    const rule = (name: string): Record<string, Json> => {
      const found = (acl.Rules as Array<Record<string, Json>>).find((candidate) => candidate.Name === name);
      if (found === undefined) throw new Error(`no rule ${name}`);
      return found;
    };

    it('only counts the common rule set’s 8 KB SizeRestrictions_BODY, which would block a 500-id reprocess the API accepts', () => {
      const reprocess = { invoiceIds: Array.from({ length: 500 }, (_, index) => `01J${String(index).padStart(23, '0')}`) };
      expect(ReprocessFailuresRequestSchema.safeParse(reprocess).success).toBe(true);
      expect(Buffer.byteLength(JSON.stringify(reprocess))).toBe(14516);
      expect(rule('AWSManagedRulesCommonRuleSet').Statement).toEqual({
        ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet', RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }] },
      });
    });

    it('blocks, before any other rule, a Content-Length past the API’s 256 KiB, and a body of unknown length past what WAF inspects (16 KB)', () => {
      expect(acl.AssociationConfig).toEqual({ RequestBody: { CLOUDFRONT: { DefaultSizeInspectionLimit: 'KB_16' } } });
      const contentLength = { SingleHeader: { Name: 'content-length' } };
      const none = [{ Priority: 0, Type: 'NONE' }];
      expect(rule('BodyOverApiLimit')).toEqual({
        Name: 'BodyOverApiLimit',
        Priority: 0,
        Action: { Block: {} },
        Statement: {
          OrStatement: {
            Statements: [
              { RegexMatchStatement: { FieldToMatch: contentLength, RegexString: decimalGreaterThanPattern(262144), TextTransformations: none } },
              {
                AndStatement: {
                  Statements: [
                    { NotStatement: { Statement: { RegexMatchStatement: { FieldToMatch: contentLength, RegexString: '^[ \\t]*[0-9]+[ \\t]*$', TextTransformations: none } } } },
                    { SizeConstraintStatement: { FieldToMatch: { Body: { OversizeHandling: 'MATCH' } }, ComparisonOperator: 'GT', Size: 16384, TextTransformations: none } },
                  ],
                },
              },
            ],
          },
        },
        VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: 'ApiEdgeBodyOverApiLimit' },
      });
    });

    it('uses the handlers’ own body limit', () => {
      expect(API_MAX_BODY_BYTES).toBe(MAX_BODY_BYTES);
    });

    it('leaves the console’s CloudFront WAF with the managed 8 KB body rule blocking (it serves files, takes no bodies)', () => {
      const edge = onlyResource(Template.fromStack(stacks.webEdge ?? stacks.web), 'AWS::WAFv2::WebACL', 'EdgeWebAcl').properties;
      expect((edge.Rules as Array<{ Name: string }>).map((candidate) => candidate.Name)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList', 'RateLimitPerIp']);
      expect(JSON.stringify(edge.Rules)).not.toContain('RuleActionOverrides');
    });
  });
});

describe('WebStack', () => {
  it('keeps the CloudFront WebACL in us-east-1 when the app lives in sa-east-1', () => {
    expect(stacks.webEdge?.region).toBe('us-east-1');
    expect(stacks.web.region).toBe('sa-east-1');
    const edge = Template.fromStack(stacks.webEdge ?? stacks.web);
    edge.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT' });
    web.resourceCountIs('AWS::WAFv2::WebACL', 0);
    const distribution = onlyResource(web, 'AWS::CloudFront::Distribution').properties.DistributionConfig as Record<string, Json>;
    expect(JSON.stringify(distribution.WebACLId)).toMatch(/ExportsReader/);
  });

  it('serves the private bucket through origin access control with CSP, HSTS and frame options', () => {
    const distribution = onlyResource(web, 'AWS::CloudFront::Distribution').properties.DistributionConfig as Record<string, Json>;
    const [origin] = distribution.Origins as Array<Record<string, Json>>;
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
    expect(distribution.DefaultRootObject).toBe('index.html');
    const headers = onlyResource(web, 'AWS::CloudFront::ResponseHeadersPolicy').properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, Record<string, Json>> };
    expect(headers.SecurityHeadersConfig.StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: true, Override: true });
    expect(headers.SecurityHeadersConfig.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(cspOf(web)).toMatch(/^default-src 'self'; .*frame-ancestors 'none'/);
    const site = resourcesOf(web, 'AWS::S3::Bucket')[logicalId(stacks.web.siteBucket)].Properties;
    expect(site.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
  });

  it('pins connect-src and form-action to the API’s CloudFront host and the pool’s hosted UI, no wildcard', () => {
    expect(cspOf(web)).toBe(
      [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self' https://<ApiDistribution> https://nfse-flow-dev.auth.sa-east-1.amazoncognito.com https://cognito-idp.sa-east-1.amazonaws.com",
        "form-action 'self' https://nfse-flow-dev.auth.sa-east-1.amazoncognito.com",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ].join('; '),
    );
  });

  it('names the very REST API the Api stack deploys its routes and stage on', () => {
    const restApi = { Ref: logicalId(stacks.apiHost.restApi) };
    const restApiIds = [...methods.map((candidate) => candidate.properties.RestApiId), onlyResource(api, 'AWS::ApiGateway::Stage').properties.RestApiId, onlyResource(api, 'AWS::ApiGateway::Deployment').properties.RestApiId];
    expect(new Set(restApiIds.map((id) => JSON.stringify(exportedValue(apiHost, id))))).toEqual(new Set([JSON.stringify(restApi)]));
    expect(onlyResource(apiHost, 'AWS::ApiGateway::RestApi').properties).toEqual({ Name: 'nfse-dev', Description: 'nfse-flow: emit, query and cancel NFS-e', EndpointConfiguration: { Types: ['REGIONAL'] }, Tags: expect.any(Array) });
  });

  it('creates the WebACL in the Web stack itself when the app lives in us-east-1', () => {
    const { stacks: east } = buildTestApp({ context: { region: 'us-east-1' } });
    expect(east.webEdge).toBeUndefined();
    Template.fromStack(east.web).hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT' });
  });
});

describe('ObservabilityStack', () => {
  it('draws executions, queues, API latency and errors, and adapter errors per municipality', () => {
    const body = JSON.stringify(onlyResource(observability, 'AWS::CloudWatch::Dashboard').properties.DashboardBody);
    for (const metric of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ApproximateNumberOfMessagesVisible', 'ApproximateAgeOfOldestMessage', 'Latency', '4XXError', '5XXError', 'AdapterErrors']) {
      expect(body).toContain(`\\"${metric}\\"`);
    }
    for (const code of ['3550308', '3304557', '3106200']) expect(body).toContain(code);
  });

  it('alarms on failed executions, API 5xx and latency, adapter errors and function errors', () => {
    const alarms = Object.keys(resourcesOf(observability, 'AWS::CloudWatch::Alarm'));
    expect(alarms.filter((id) => /ExecutionsFailedAlarm/.test(id))).toHaveLength(Object.keys(stacks.workflows.stateMachines).length);
    expect(alarms.filter((id) => /^(Api5xxAlarm|ApiLatencyAlarm|AdapterErrorsAlarm)/.test(id))).toHaveLength(3);
    expect(alarms.filter((id) => /FunctionErrorsAlarm/.test(id))).toHaveLength(Object.keys(stacks.compute.functions).length);
  });
});
