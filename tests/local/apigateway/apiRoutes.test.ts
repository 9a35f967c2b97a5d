import { apiRoutes } from '../../../contracts/apiRoutes';
import { API_HANDLER_FUNCTIONS, API_ROUTES } from '../../../local/apigateway/apiRoutes';
import { handler as ops } from '../../../tasks/ops/handler';
import { handler as ping } from '../../../tasks/ping/handler';

describe('the local gateway routes', () => {
  it('are the route table: same methods, paths, scopes and handlers', () => {
    const local = API_ROUTES.map((route) => ({ method: route.method, path: route.resource, auth: route.auth, handler: route.handler }));

    expect(local).toEqual(
      apiRoutes().map((route) => ({
        method: route.method,
        path: route.path,
        auth: route.auth.kind === 'public' ? 'public' : { scopes: route.auth.scopes.map((scope) => `nfse/${scope}`) },
        handler: API_HANDLER_FUNCTIONS[route.handler],
      })),
    );
  });

  it("call each route's handler module in-process", () => {
    expect(API_ROUTES.find((route) => route.resource === '/ping')?.handler).toBe(ping);
    expect(API_ROUTES.filter((route) => route.resource.startsWith('/ops/')).every((route) => route.handler === ops)).toBe(true);
  });
});
