import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** Options of {@link ImportedRestApi}. */
export interface ImportedRestApiProps extends apigateway.RestApiBaseProps {
  /** The `AWS::ApiGateway::RestApi` (created in another stack). */
  readonly restApiId: string;
  readonly rootResourceId: string;
  /** CORS preflight (OPTIONS) on the root and every resource, as RestApi's option of that name. @default none */
  readonly defaultCorsPreflightOptions?: apigateway.CorsOptions;
}

/**
 * A REST API whose `AWS::ApiGateway::RestApi` lives in another stack (so its id, hence its host,
 * exists before the stacks that need it), given routes, a deployment and a stage here as RestApi
 * gives its own: the deployment's logical id hashes every resource, method, model, validator and
 * gateway response, so changing any of them deploys the stage again. `RestApi.fromRestApiAttributes`
 * has no deployment its methods reach, so a route change would never go live.
 */
export class ImportedRestApi extends apigateway.RestApiBase {
  public readonly restApiId: string;
  public readonly restApiRootResourceId: string;
  public readonly root: apigateway.IResource;
  private readonly attachedMethods: apigateway.Method[] = [];

  public constructor(scope: Construct, id: string, props: ImportedRestApiProps) {
    super(scope, id, props);
    this.restApiId = props.restApiId;
    this.restApiRootResourceId = props.rootResourceId;
    this._configureDeployment(props);
    this.root = new ImportedRootResource(this, props.rootResourceId, props.defaultCorsPreflightOptions);
  }

  /** Every method added to the API's resources. */
  public get methods(): readonly apigateway.Method[] {
    return this.attachedMethods;
  }

  /** A request model; part of the deployment, as RestApi's `addModel` makes it. */
  public addModel(id: string, options: apigateway.ModelOptions): apigateway.Model {
    const model = new apigateway.Model(this, id, { ...options, restApi: this });
    this.deployWith(model, { model: { ...options, schema: options.schema } });
    return model;
  }

  /** A request validator; part of the deployment, as RestApi's `addRequestValidator` makes it. */
  public addRequestValidator(id: string, options: apigateway.RequestValidatorOptions): apigateway.RequestValidator {
    const validator = new apigateway.RequestValidator(this, id, { ...options, restApi: this });
    this.deployWith(validator, { validator: options });
    return validator;
  }

  /** The resource policy belongs to the RestApi resource, in its own stack. */
  public addToResourcePolicy(_statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return { statementAdded: false };
  }

  public override _attachMethod(method: apigateway.Method): void {
    this.attachedMethods.push(method);
  }

  private deployWith(construct: Construct, hashed: object): void {
    const deployment = this.latestDeployment;
    if (deployment === undefined) return;
    deployment.node.addDependency(construct);
    deployment.addToLogicalId(hashed);
  }
}

/** The root (`/`) of an {@link ImportedRestApi}: new resources and methods hang off it. */
class ImportedRootResource extends apigateway.ResourceBase {
  public readonly parentResource: apigateway.IResource | undefined = undefined;
  public readonly path = '/';
  public readonly defaultIntegration: apigateway.Integration | undefined = undefined;
  public readonly defaultMethodOptions: apigateway.MethodOptions | undefined = undefined;

  public constructor(
    public readonly api: ImportedRestApi,
    public readonly resourceId: string,
    public readonly defaultCorsPreflightOptions: apigateway.CorsOptions | undefined,
  ) {
    super(api, 'Default');
    if (defaultCorsPreflightOptions !== undefined) this.addCorsPreflight(defaultCorsPreflightOptions);
  }
}
