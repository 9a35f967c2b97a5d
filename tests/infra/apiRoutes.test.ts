import { Template } from 'aws-cdk-lib/assertions';
import { apiRoutes } from '../../contracts/apiRoutes';
import { DEPLOYED_TASKS } from '../../infra/lib/tasks/taskCatalog';
import { buildTestApp } from './helpers/buildTestApp';
import { apiMethods, exportedValue, logicalId, resourcesOf, type Json } from './helpers/templateQueries';

const { stacks } = buildTestApp();
const api = Template.fromStack(stacks.api);
const compute = Template.fromStack(stacks.compute);
const methods = apiMethods(api).filter((method) => method.httpMethod !== 'OPTIONS');
/** The routes of the handlers the app deploys (a handler not yet in DEPLOYED_TASKS has no methods). */
const deployedRoutes = apiRoutes().filter((route) => (DEPLOYED_TASKS as readonly string[]).includes(route.handler));

/** The `Fn::ImportValue` inside a method's integration URI: the function it invokes. */
function importIn(value: Json): Json | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (!Array.isArray(value) && 'Fn::ImportValue' in value) return value;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    const found = importIn(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

describe('the API stack, from the route table', () => {
  it('has one method per route of contracts/apiRoutes.ts whose handler is deployed, and no other', () => {
    const synthesized = methods.map((method) => `${method.httpMethod} ${method.path}`).sort();

    expect(synthesized).toEqual(deployedRoutes.map((route) => `${route.method} ${route.path}`).sort());
    expect(apiRoutes().filter((route) => !deployedRoutes.some((deployed) => deployed.id === route.id)).map((route) => route.id)).toEqual([]);
  });

  it("gives each method its route's operation, authorizer, scopes, API key, model and query parameters", () => {
    for (const route of deployedRoutes) {
      const method = methods.find((candidate) => candidate.httpMethod === route.method && candidate.path === route.path)?.properties;
      const query = Object.entries(route.request.query?.shape ?? {}).map(([name, schema]) => [`method.request.querystring.${name}`, !schema.safeParse(undefined).success]);

      expect(method).toEqual(
        route.auth.kind === 'public'
          ? expect.objectContaining({ OperationName: route.id, AuthorizationType: 'NONE', ApiKeyRequired: false })
          : expect.objectContaining({
              OperationName: route.id,
              AuthorizationType: 'COGNITO_USER_POOLS',
              AuthorizationScopes: route.auth.scopes.map((scope) => `nfse/${scope}`),
              ApiKeyRequired: true,
              ...(query.length > 0 ? { RequestParameters: Object.fromEntries(query) } : {}),
              ...(route.request.body !== undefined ? { RequestModels: { 'application/json': { Ref: expect.stringMatching(new RegExp(`^Api${route.request.body.name}`)) } } } : {}),
            }),
      );
      if (query.length === 0) expect(method?.RequestParameters).toBeUndefined();
      if (route.request.body === undefined) expect(method?.RequestModels).toBeUndefined();
    }
  });

  it("integrates each method with its handler's function", () => {
    for (const route of deployedRoutes) {
      const method = methods.find((candidate) => candidate.httpMethod === route.method && candidate.path === route.path);
      const imported = importIn((method?.properties.Integration as { Uri: Json }).Uri);
      const handler = stacks.compute.functions[route.handler];
      if (imported === undefined || handler === undefined) throw new Error(`${route.id}: no function`);

      expect({ route: route.id, invokes: exportedValue(compute, imported) }).toEqual({ route: route.id, invokes: { 'Fn::GetAtt': [logicalId(handler), 'Arn'] } });
    }
  });

  it('answers a route the table does not have with 404 NotFound, as the local gateway does', () => {
    const responses = Object.values(resourcesOf(api, 'AWS::ApiGateway::GatewayResponse')).map((response) => response.Properties);

    expect(responses.find((response) => response.ResponseType === 'MISSING_AUTHENTICATION_TOKEN')).toMatchObject({
      StatusCode: '404',
      ResponseTemplates: { 'application/json': '{"message":"No such route","code":"NotFound","requestId":"$context.requestId"}' },
    });
  });
});
