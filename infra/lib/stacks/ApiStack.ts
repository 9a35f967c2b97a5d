import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { acknowledge } from '../nag/acknowledge';
import type { Construct } from 'constructs';
import { apiGatewayJsonSchema } from '../api/apiGatewayJsonSchema';
import { apiRoutes, authorizationScopesOf, corsPolicy, type ApiRouteSpec } from '../../../contracts/apiRoutes';
import { API_SCOPES, APP_CLIENT_SCOPES, fullScope, RESOURCE_SERVER_ID, type ApiScope } from '../../../contracts/apiScopes';
import { addGatewayResponses } from '../api/gatewayResponses';
import { addPlatformKey, addUsagePlans } from '../api/usagePlans';
import { ImportedRestApi } from '../api/ImportedRestApi';
import { ConsoleConfigDeployment } from '../constructs/ConsoleConfigDeployment';
import { ORIGIN_LOCK_RULE_NAME, originLockRule } from '../api/originLock';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { TaskKey } from '../tasks/taskCatalog';
import { ROLES } from '../../../contracts/tenantGrant';

/** The Cognito groups (they mirror the TENANTS_TABLE roles; the grant itself lives in that table). */
export const USER_GROUPS = Object.values(ROLES);

/** Options of {@link ApiStack}. */
export interface ApiStackProps extends StackProps {
  readonly stage: string;
  /** The REST API resource (the ApiHost stack's): the routes, deployment and stage are made here, on it. */
  readonly restApi: { readonly restApiId: string; readonly rootResourceId: string; readonly restApiName: string };
  /** The deployed task functions' ARNs, by task key. */
  readonly functionArns: Readonly<Partial<Record<TaskKey, string>>>;
  /** The console's origin (`https://dxxxx.cloudfront.net`): CORS and the hosted UI callback. */
  readonly consoleOrigin: string;
  /** Extra callback URLs of the console client (local development). @default [] */
  readonly extraCallbackUrls?: readonly string[];
  /** Cognito hosted UI domain prefix. */
  readonly authDomainPrefix: string;
  /** Keep the user pool on destroy. */
  readonly retainData: boolean;
  /** Deletion protection on the user pool (its users and their MFA devices cannot be recreated). */
  readonly deletionProtection: boolean;
  /** The console's site: when given, its `/config.json` is written there (API URL, key, Cognito client). @default none */
  readonly console?: { readonly siteBucket: s3.IBucket };
  /** The API's CloudFront URL (ApiHost stack): what the console and clients call. */
  readonly publicUrl: string;
  /** The value CloudFront sends in `x-origin-verify` (ApiHost stack): the regional WebACL blocks requests without it. */
  readonly originVerifySecret: secretsmanager.ISecret;
}

/**
 * The REST API's routes, deployment and stage (on the ApiHost stack's REST API): Cognito (hosted
 * UI, console and machine clients, resource server scopes, groups) as authorizer, a usage plan per
 * plan of contracts/usagePlans.ts with the console's key, request models generated from the zod contracts, gateway responses in the
 * contract's error shape with CORS, access logs, X-Ray, and a regional WAF that only lets in what
 * came through the API's CloudFront distribution (whose own WAF, in us-east-1, holds the managed rules).
 */
export class ApiStack extends Stack {
  public readonly api: ImportedRestApi;
  public readonly userPool: cognito.UserPool;
  public readonly consoleClient: cognito.UserPoolClient;
  public readonly machineClient: cognito.UserPoolClient;
  public readonly webAcl: wafv2.CfnWebACL;

  public constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      // MFA for every user, ops included. Cognito has no per-group MFA. The alternative, OPTIONAL
      // plus a check of the token's `amr` on ops routes, needs a Lambda authorizer (the Cognito
      // authorizer checks only signature and scopes), relies on `amr`/`acr` claims Cognito is
      // still rolling out per pool, and lets an ops user sign in without a second factor. REQUIRED
      // is enforced by Cognito itself at sign-in, and every user here is a person who handles tax
      // documents (machines use client credentials, which MFA does not apply to).
      // https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
      // https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-step-up-authentication.html
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledge(this.userPool, [
      { id: 'AwsSolutions-COG8', reason: 'Essentials tier: the Plus tier (threat protection) is priced per MAU and can be switched on per stage later; WAF and the usage plan protect the API meanwhile.' },
    ]);
    const domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.authDomainPrefix } });
    for (const group of USER_GROUPS) this.userPool.addGroup(`${group}Group`, { groupName: group, description: `nfse ${group} (the grant itself is in TENANTS_TABLE)` });

    const scopes = Object.values(API_SCOPES).map((name) => new cognito.ResourceServerScope({ scopeName: name, scopeDescription: `nfse ${name}` }));
    const resourceServer = this.userPool.addResourceServer('ResourceServer', { identifier: RESOURCE_SERVER_ID, scopes });
    const oauthScope = (name: ApiScope): cognito.OAuthScope => {
      const found = scopes.find((candidate) => candidate.scopeName === name);
      if (found === undefined) throw new Error(`unknown scope ${name}`);
      return cognito.OAuthScope.resourceServer(resourceServer, found);
    };
    this.consoleClient = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, ...APP_CLIENT_SCOPES.console.map(oauthScope)],
        callbackUrls: [`${props.consoleOrigin}/callback`, ...(props.extraCallbackUrls ?? [])],
        logoutUrls: [`${props.consoleOrigin}/`],
      },
    });
    this.machineClient = this.userPool.addClient('MachineClient', {
      generateSecret: true,
      accessTokenValidity: Duration.hours(1),
      oAuth: { flows: { clientCredentials: true }, scopes: APP_CLIENT_SCOPES.machine.map(oauthScope) },
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.SIX_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.api = new ImportedRestApi(this, 'Api', {
      restApiId: props.restApi.restApiId,
      rootResourceId: props.restApi.rootResourceId,
      restApiName: props.restApi.restApiName,
      description: 'nfse-flow: emit, query and cancel NFS-e',
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        // Request and response bodies carry tomador data (LGPD): never in execution logs.
        dataTraceEnabled: false,
        throttlingRateLimit: 100,
        throttlingBurstLimit: 200,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields({ caller: false, httpMethod: true, ip: true, protocol: true, requestTime: true, resourcePath: true, responseLength: true, status: true, user: true }),
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [props.consoleOrigin],
        allowMethods: corsPolicy().allowMethods,
        allowHeaders: corsPolicy().allowHeaders,
        maxAge: Duration.hours(1),
      },
    });
    addGatewayResponses(this.api, props.consoleOrigin);
    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [this.userPool] });
    const validator = this.api.addRequestValidator('Validator', { validateRequestBody: true, validateRequestParameters: true });

    this.addRoutes(props.functionArns, authorizer, validator);
    for (const method of this.api.methods.filter((candidate) => candidate.httpMethod === 'OPTIONS')) {
      acknowledge(method, [
        { id: 'AwsSolutions-APIG4', reason: 'CORS preflight: browsers send OPTIONS without credentials.' },
        { id: 'AwsSolutions-COG4', reason: 'CORS preflight: browsers send OPTIONS without credentials.' },
      ]);
    }

    // The plans of contracts/usagePlans.ts: the tenants' keys (the api-keys function creates them) and the console's.
    const plans = addUsagePlans(this.api, props.stage);
    const consoleKey = addPlatformKey(this.api, plans, 'console');

    // The origin lock. A resource policy cannot test a header (its conditions are IPs, VPCs,
    // principals), and a Lambda authorizer would cost an invocation per request and run after the
    // API key check; the stage's own WebACL drops the request before API Gateway does anything.
    // The managed rules and the per-IP rate limit live at the edge, where the client's address is
    // the source IP (here it is CloudFront's).
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `nfse-${props.stage}-api` },
      rules: [originLockRule(props.originVerifySecret.secretValue.unsafeUnwrap(), 0, `Api${ORIGIN_LOCK_RULE_NAME}`)],
    });
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', { resourceArn: this.api.deploymentStage.stageArn, webAclArn: this.webAcl.attrArn });

    if (props.console !== undefined) {
      new ConsoleConfigDeployment(this, 'ConsoleConfig', {
        stage: props.stage,
        siteBucket: props.console.siteBucket,
        apiUrl: props.publicUrl,
        apiKeyId: consoleKey.keyId,
        userPoolId: this.userPool.userPoolId,
        consoleClientId: this.consoleClient.userPoolClientId,
        // A tenant's admins manage their companies and certificates in the console; the grant's role still decides.
        scopes: ['openid', 'email', fullScope(API_SCOPES.read), fullScope(API_SCOPES.admin), fullScope(API_SCOPES.ops)],
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: props.publicUrl, description: 'NFSE_API_URL: the API through CloudFront (the execute-api host refuses requests that skip it)' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'ConsoleClientId', { value: this.consoleClient.userPoolClientId });
    new CfnOutput(this, 'MachineClientId', { value: this.machineClient.userPoolClientId });
    new CfnOutput(this, 'HostedUiDomain', { value: domain.baseUrl() });
    new CfnOutput(this, 'TokenEndpoint', { value: `${domain.baseUrl()}/oauth2/token` });
    new CfnOutput(this, 'ConsoleApiKeyId', { value: consoleKey.keyId, description: 'aws apigateway get-api-key --include-value --api-key <this>' });
  }

  /**
   * The table's routes (contracts/apiRoutes.ts), each a method on its resource integrated with its
   * handler's function: public, or Cognito with the route's scopes, the API key and its request
   * models. Routes of a handler that is not deployed (ComputeStack `tasks`) are left out.
   */
  private addRoutes(functionArns: ApiStackProps['functionArns'], authorizer: apigateway.IAuthorizer, validator: apigateway.IRequestValidator): void {
    const integrations = new Map<string, apigateway.LambdaIntegration>();
    const models = new Map<string, apigateway.Model>();
    for (const route of apiRoutes()) {
      const arn = functionArns[route.handler];
      if (arn === undefined) continue;
      let integration = integrations.get(route.handler);
      if (integration === undefined) {
        integration = new apigateway.LambdaIntegration(lambda.Function.fromFunctionAttributes(this, `${route.handler}Function`, { functionArn: arn, sameEnvironment: true }));
        integrations.set(route.handler, integration);
      }
      const body = route.request.body;
      let model: apigateway.Model | undefined;
      if (body !== undefined) {
        model = models.get(body.name) ?? this.api.addModel(body.name, { modelName: body.name, contentType: 'application/json', schema: apiGatewayJsonSchema(body.schema, body.name) });
        models.set(body.name, model);
      }
      const query = queryParametersOf(route);
      const method = this.api.root.resourceForPath(route.path).addMethod(
        route.method,
        integration,
        route.auth.kind === 'public'
          ? { authorizationType: apigateway.AuthorizationType.NONE, apiKeyRequired: false, operationName: route.id }
          : {
              operationName: route.id,
              authorizer,
              authorizationType: apigateway.AuthorizationType.COGNITO,
              // With scopes on a method the Cognito authorizer takes access tokens only, carrying one of them.
              authorizationScopes: authorizationScopesOf(route.auth),
              apiKeyRequired: true,
              requestValidator: validator,
              ...(Object.keys(query).length > 0 ? { requestParameters: query } : {}),
              ...(model !== undefined ? { requestModels: { 'application/json': model } } : {}),
            },
      );
      if (route.auth.kind === 'public') {
        acknowledge(method, [
          { id: 'AwsSolutions-APIG4', reason: `${route.method} ${route.path} is the public health check (seed 001 §4).` },
          { id: 'AwsSolutions-COG4', reason: `${route.method} ${route.path} is the public health check (seed 001 §4).` },
        ]);
      }
    }
  }
}

/** `method.request.querystring.{name}` → required, from the route's query contract (API Gateway answers 400 for a missing required one). */
function queryParametersOf(route: ApiRouteSpec): Record<string, boolean> {
  const shape = route.request.query?.shape ?? {};
  return Object.fromEntries(Object.entries(shape).map(([name, schema]) => [`method.request.querystring.${name}`, !schema.safeParse(undefined).success]));
}
