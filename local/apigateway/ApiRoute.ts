import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

/** A Lambda proxy handler, as `tasks/*` export them. */
export type ProxyHandler = (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult>;

/** One route of the REST API, as API Gateway defines it. */
export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** API Gateway resource path, e.g. `/invoices/{id}`. */
  readonly resource: string;
  /** Function name (for logs and the Lambda context). */
  readonly functionName: string;
  readonly handler: ProxyHandler;
  /**
   * `public`: no token, no API key. Otherwise the Cognito authorizer with these full scopes
   * (`nfse/ops`; none: ID tokens only), the API key and the usage plan.
   */
  readonly auth: 'public' | { readonly scopes: readonly string[] };
}

/** A route matched against a path, with its path parameters. */
export interface RouteMatch {
  readonly route: ApiRoute;
  readonly pathParameters: Record<string, string> | null;
}

/** Compiles routes into a matcher: exact segments, `{name}` parameters. */
export function routeMatcher(routes: readonly ApiRoute[]): (method: string, path: string) => RouteMatch | undefined {
  const compiled = routes.map((route) => {
    const names: string[] = [];
    const pattern = route.resource.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, names, regex: new RegExp(`^${pattern}/?$`) };
  });
  return (method, path) => {
    for (const { route, names, regex } of compiled) {
      if (route.method !== method) continue;
      const match = regex.exec(path);
      if (match === null) continue;
      const parameters = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
      return { route, pathParameters: names.length > 0 ? parameters : null };
    }
    return undefined;
  };
}
