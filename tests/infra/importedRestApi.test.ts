import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Template } from 'aws-cdk-lib/assertions';
import { ImportedRestApi } from '../../infra/lib/api/ImportedRestApi';
import { onlyResource, resourcesOf } from './helpers/templateQueries';

interface Variant {
  readonly schema?: apigateway.JsonSchema;
  readonly validateBody?: boolean;
  readonly path?: string;
  readonly responseCode?: string;
}

/** A stack with an ImportedRestApi carrying one POST route (model + validator) and one gateway response. */
function build(variant: Variant = {}): { template: Template; api: ImportedRestApi } {
  const stack = new Stack(new App(), 'Routes');
  const api = new ImportedRestApi(stack, 'Api', {
    restApiId: 'abc123',
    rootResourceId: 'root42',
    restApiName: 'nfse-test',
    description: 'test API',
    deployOptions: { stageName: 'dev' },
    defaultCorsPreflightOptions: { allowOrigins: ['https://console.example'] },
  });
  const model = api.addModel('Body', { contentType: 'application/json', schema: variant.schema ?? { type: apigateway.JsonSchemaType.OBJECT } });
  const validator = api.addRequestValidator('Validator', { validateRequestBody: variant.validateBody ?? true });
  api.root.resourceForPath(variant.path ?? '/invoices').addMethod('POST', new apigateway.MockIntegration(), { requestModels: { 'application/json': model }, requestValidator: validator });
  api.addGatewayResponse('Denied', { type: apigateway.ResponseType.ACCESS_DENIED, statusCode: variant.responseCode ?? '403' });
  return { template: Template.fromStack(stack), api };
}
const deploymentOf = (variant: Variant): string => onlyResource(build(variant).template, 'AWS::ApiGateway::Deployment').id;

describe('ImportedRestApi', () => {
  it('hangs resources and methods off the imported API and its root, with a CORS preflight on each', () => {
    const { template, api } = build();
    expect(onlyResource(template, 'AWS::ApiGateway::Resource').properties).toEqual({ RestApiId: 'abc123', ParentId: 'root42', PathPart: 'invoices' });
    const methods = Object.values(resourcesOf(template, 'AWS::ApiGateway::Method')).map((method) => `${String(method.Properties.HttpMethod)} ${JSON.stringify(method.Properties.ResourceId)}`);
    expect(methods.sort()).toEqual(['OPTIONS "root42"', `OPTIONS {"Ref":"${onlyResource(template, 'AWS::ApiGateway::Resource').id}"}`, `POST {"Ref":"${onlyResource(template, 'AWS::ApiGateway::Resource').id}"}`].sort());
    expect(api.methods.map((method) => method.httpMethod).sort()).toEqual(['OPTIONS', 'OPTIONS', 'POST']);
  });

  it('deploys a stage with its options on a deployment of the imported API', () => {
    const { template } = build();
    const deployment = onlyResource(template, 'AWS::ApiGateway::Deployment');
    expect(deployment.properties).toEqual({ RestApiId: 'abc123', Description: 'test API' });
    expect(onlyResource(template, 'AWS::ApiGateway::Stage').properties).toMatchObject({ RestApiId: 'abc123', StageName: 'dev', DeploymentId: { Ref: deployment.id } });
  });

  it('keeps the deployment while nothing changes, and deploys again when a model, a validator, a route or a gateway response changes', () => {
    const same = deploymentOf({});
    expect(deploymentOf({})).toBe(same);
    const changed = [
      deploymentOf({ schema: { type: apigateway.JsonSchemaType.OBJECT, required: ['companyCnpj'] } }),
      deploymentOf({ validateBody: false }),
      deploymentOf({ path: '/invoices/{id}/cancel' }),
      deploymentOf({ responseCode: '404' }),
    ];
    expect(changed.filter((id) => id === same)).toEqual([]);
    expect(new Set(changed).size).toBe(changed.length);
  });

  it('makes the deployment wait for the methods, models and validator it deploys', () => {
    const { template } = build();
    const [deployment] = Object.values(resourcesOf(template, 'AWS::ApiGateway::Deployment'));
    const dependsOn = (deployment.DependsOn as unknown as string[]).map((id) => (resourcesOf(template, 'AWS::ApiGateway::Method')[id] !== undefined ? 'Method' : id.replace(/[0-9A-F]{8}$/, ''))).sort();
    expect(dependsOn).toEqual(['ApiBody', 'ApiDenied', 'ApiValidator', 'Apiinvoices', 'Method', 'Method', 'Method']);
  });
});
