import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

/** A Lambda proxy handler, as `tasks/*` export them. */
export type ProxyHandler = (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult>;

/** One route of the REST API, as API Gateway would define it. */
export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** API Gateway resource path, e.g. `/invoices/{id}`. */
  readonly resource: string;
  /** Function name (for logs and the Lambda context). */
  readonly functionName: string;
  readonly handler: ProxyHandler;
  /** Cognito authorizer + API key + usage plan. @default true */
  readonly secured?: boolean;
}

/** A route matched against a path, with its path parameters. */
export interface RouteMatch {
  readonly route: ApiRoute;
  readonly pathParameters: Record<string, string> | null;
}

/** Compiles routes into a matcher: exact segments, `{name}` parameters; 405 is told apart from 404. */
export function routeMatcher(routes: readonly ApiRoute[]): (method: string, path: string) => RouteMatch | 'method-not-allowed' | undefined {
  const compiled = routes.map((route) => {
    const names: string[] = [];
    const pattern = route.resource.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, names, regex: new RegExp(`^${pattern}/?$`) };
  });
  return (method, path) => {
    let pathMatched = false;
    for (const { route, names, regex } of compiled) {
      const match = regex.exec(path);
      if (match === null) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const parameters = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
      return { route, pathParameters: names.length > 0 ? parameters : null };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  };
}
